import type { Metadata } from 'next'

import { PageHeading } from '@/components/PageHeading'
import { Pagination } from '@/components/Pagination'
import { SearchForm } from '@/components/SearchForm'
import { SearchResults } from '@/components/SearchResults'
import { searchArticles } from '@/lib/content'
import { paths } from '@/lib/routing/paths'
import { parsePage, type SearchParamValue, single } from '@/lib/routing/search-params'
import { displayQuery } from '@/lib/search/terms'
import { searchMetadata } from '@/lib/seo/metadata'

type Props = { searchParams: Promise<{ q?: SearchParamValue; page?: SearchParamValue }> }

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return searchMetadata(displayQuery(single((await searchParams).q)))
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams
  const query = displayQuery(single(params.q))
  // Any query string is a normal page: a bad page number is page 1, not a 404.
  const page = parsePage(params.page) ?? 1
  const results = await searchArticles(query, page)
  return (
    <>
      <PageHeading title="Search" />
      <SearchForm query={query} />
      <SearchResults query={query} terms={results.terms} items={results.items} total={results.total} page={results.page} />
      <Pagination page={results.page} pageCount={results.pageCount} hrefFor={(n) => paths.searchResults({ q: query, page: n })} />
    </>
  )
}
