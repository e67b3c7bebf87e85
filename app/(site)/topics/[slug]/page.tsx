import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/components/ArticleList'
import { PageHeading } from '@/components/PageHeading'
import { Pagination } from '@/components/Pagination'
import { getArticles, getTopic } from '@/lib/content'
import { pageHref, parsePage, type SearchParamValue } from '@/lib/routing/search-params'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: SearchParamValue }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const topic = await getTopic((await params).slug)
  return topic ? { title: topic.title, description: topic.description || undefined } : {}
}

export default async function TopicPage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams])
  const page = parsePage(query.page)
  if (page === null) notFound()
  const [topic, result] = await Promise.all([getTopic(slug), getArticles({ page, topic: slug })])
  if (!topic || page > result.pageCount) notFound()
  return (
    <>
      <PageHeading title={topic.title} lead={topic.description} />
      <ArticleList articles={result.items} headingLevel={2} />
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(n) => pageHref(`/topics/${slug}`, n)} />
    </>
  )
}
