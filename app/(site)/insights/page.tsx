import type { Metadata } from 'next'
import { Link } from '@/components/Link'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/components/ArticleList'
import { PageHeading } from '@/components/PageHeading'
import { Pagination } from '@/components/Pagination'
import { getArticles, getTopics } from '@/lib/content'
import { paths } from '@/lib/routing/paths'
import { parsePage, type SearchParamValue, single } from '@/lib/routing/search-params'
import { insightsMetadata } from '@/lib/seo/metadata'

type Props = { searchParams: Promise<{ page?: SearchParamValue; topic?: SearchParamValue }> }

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = await searchParams
  return insightsMetadata(parsePage(query.page) ?? 1, single(query.topic) || null)
}

export default async function InsightsPage({ searchParams }: Props) {
  const query = await searchParams
  const page = parsePage(query.page)
  const topicSlug = single(query.topic) || null
  if (page === null) notFound()
  const [result, topics] = await Promise.all([getArticles(page, topicSlug), getTopics()])
  const topic = topics.find((candidate) => candidate.slug === topicSlug)
  if ((topicSlug && !topic) || page > result.pageCount) notFound()

  return (
    <>
      <PageHeading title={topic ? `Insights: ${topic.title}` : 'All insights'} lead={`${result.total} articles, newest first.`} />
      <nav aria-label="Filter by topic" className="topic-filter">
        <ul>
          <li>
            <Link href={paths.insights} aria-current={topic ? undefined : 'page'}>
              All topics
            </Link>
          </li>
          {topics.map((candidate) => (
            <li key={candidate._id}>
              <Link href={paths.insightsPage({ topic: candidate.slug })} aria-current={candidate.slug === topicSlug ? 'page' : undefined}>
                {candidate.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ArticleList articles={result.items} headingLevel={2} leadsPage />
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(n) => paths.insightsPage({ page: n, topic: topicSlug })} />
    </>
  )
}
