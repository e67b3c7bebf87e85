import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/components/ArticleList'
import { JsonLd } from '@/components/JsonLd'
import { PageHeading } from '@/components/PageHeading'
import { Pagination } from '@/components/Pagination'
import { getArticles, getTopic } from '@/lib/content'
import { paths, slugFromSegment } from '@/lib/routing/paths'
import { parsePage, type SearchParamValue } from '@/lib/routing/search-params'
import { topicJsonLd } from '@/lib/seo/jsonld'
import { topicMetadata } from '@/lib/seo/metadata'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: SearchParamValue }> }

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [topic, query] = await Promise.all([params.then(({ slug }) => getTopic(slugFromSegment(slug))), searchParams])
  return topic ? topicMetadata(topic, parsePage(query.page) ?? 1) : {}
}

export default async function TopicPage({ params, searchParams }: Props) {
  const [{ slug: segment }, query] = await Promise.all([params, searchParams])
  const slug = slugFromSegment(segment)
  const page = parsePage(query.page)
  if (page === null) notFound()
  const [topic, result] = await Promise.all([getTopic(slug), getArticles(page, slug)])
  if (!topic || page > result.pageCount) notFound()
  return (
    <>
      <JsonLd data={topicJsonLd(topic, result.items)} />
      <PageHeading title={topic.title} lead={topic.description} />
      <ArticleList articles={result.items} headingLevel={2} leadsPage />
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(n) => paths.topic(slug, { page: n })} />
    </>
  )
}
