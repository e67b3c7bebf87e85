import { paths } from '@/lib/routing/paths'
import { MAX_QUERY_CHARS } from '@/lib/search/terms'

/** The search page's own form: a plain GET to /search, so it works without JavaScript. */
export function SearchForm({ query }: { query: string }) {
  return (
    <form role="search" aria-label="Search insights" action={paths.search} method="get" className="search-form">
      <label htmlFor="search-q">Search insights</label>
      <input id="search-q" type="search" name="q" defaultValue={query} maxLength={MAX_QUERY_CHARS} autoComplete="off" />
      <button type="submit">Search</button>
    </form>
  )
}
