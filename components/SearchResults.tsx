import { Link } from './Link'

import type { SearchHit } from '@/lib/content'
import { formatMonthYear } from '@/lib/format'
import { paths } from '@/lib/routing/paths'
import { excerpt } from '@/lib/search/highlight'

import { Highlight } from './Highlight'

interface Props {
  /** What the reader typed, shown back as typed. */
  query: string
  terms: readonly string[]
  items: SearchHit[]
  total: number
  page: number
}

/** The outcome of a search: a prompt, a no-results message, or the hits with their words marked. */
export function SearchResults({ query, terms, items, total, page }: Props) {
  if (terms.length === 0) {
    return (
      <p className="search-prompt">
        {query
          ? 'Type a word or two to search for, like “leadership”.'
          : 'What are you looking for? Search titles, standfirsts, article text and authors.'}
      </p>
    )
  }
  if (total === 0) {
    return (
      <p className="search-empty" role="status">
        No insights match “{query}”. Try fewer or different words.
      </p>
    )
  }
  return (
    <>
      <p className="search-summary" role="status">
        {total === 1 ? '1 insight matches' : `${total} insights match`} “{query}”{page > 1 ? `, page ${page}` : ''}.
      </p>
      {items.length === 0 ? (
        <p className="search-empty">There are no more results on this page.</p>
      ) : (
        <ol className="search-results">
          {items.map((hit) => (
            <li key={hit._id}>
              <article className="search-hit">
                <h2 className="search-hit__title">
                  <Link href={paths.article(hit.slug)}>
                    <Highlight text={hit.title} terms={terms} />
                  </Link>
                </h2>
                {hit.standfirst && (
                  <p className="search-hit__standfirst">
                    <Highlight text={hit.standfirst} terms={terms} />
                  </p>
                )}
                {hit.bodyText && (
                  <p className="search-hit__excerpt">
                    <Highlight text={excerpt(hit.bodyText, terms)} terms={terms} />
                  </p>
                )}
                <p className="search-hit__meta">
                  {hit.authors.length > 0 && (
                    <span>
                      <Highlight text={hit.authors.map((author) => author.name).join(', ')} terms={terms} />
                      {' · '}
                    </span>
                  )}
                  <time dateTime={hit.publishedAt}>{formatMonthYear(hit.publishedAt)}</time>
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
