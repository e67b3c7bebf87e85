/**
 * The one map of the site's URLs: every link, form, feed, sitemap and JSON-LD builder asks it
 * for a path and nothing else spells one out (eslint.config.mjs forbids it in app/ and
 * components/). Slugs are encoded here, once; query strings leave out their defaults.
 * Absolute URLs are `absoluteUrl(paths.x)` from lib/seo/urls.ts.
 */

/** `path?key=value&page=N`, leaving out empty values and page 1. */
function withQuery(path: string, query: Record<string, string | null | undefined>, page = 1): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  if (page > 1) params.set('page', String(page))
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

const slugPath = (prefix: string, slug: string) => `${prefix}/${encodeURIComponent(slug)}`

/**
 * The slug in a route's `[slug]` segment, which Next hands over still %-encoded: decoded once, so
 * `/insights/caf%C3%A9` finds "café". A malformed encoding (`%E0%A4%A`) is the empty slug, which
 * no document has, so the route answers 404 and never 500.
 */
export function slugFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return ''
  }
}

export const paths = {
  home: '/',
  insights: '/insights',
  /** `/insights`, one of its pages, or its topic filter. */
  insightsPage: ({ page, topic }: { page?: number; topic?: string | null } = {}) => withQuery('/insights', { topic }, page),
  article: (slug: string) => slugPath('/insights', slug),
  author: (slug: string) => slugPath('/authors', slug),
  topic: (slug: string, { page }: { page?: number } = {}) => withQuery(slugPath('/topics', slug), {}, page),
  research: '/research',
  /** The search form's action, and the results page without a query. */
  search: '/search',
  searchResults: ({ q, page }: { q: string; page?: number }) => withQuery('/search', { q }, page),
  /** For schema.org's SearchAction: the placeholder stays as written, not percent-encoded. */
  searchTemplate: '/search?q={search_term_string}',
  defaultOgImage: '/opengraph-image',
  feeds: {
    rss: '/feeds/rss.xml',
    atom: '/feeds/atom.xml',
    json: '/feeds/feed.json',
  },
  topicFeeds: (slug: string) => ({
    rss: `${slugPath('/feeds/topics', slug)}/rss.xml`,
    atom: `${slugPath('/feeds/topics', slug)}/atom.xml`,
    json: `${slugPath('/feeds/topics', slug)}/feed.json`,
  }),
  sitemap: '/sitemap.xml',
  /** Ends draft mode and returns to the page it was left from (app/api/draft-mode/disable). */
  exitPreview: '/api/draft-mode/disable',
  /** A share link: one document's draft, read-only (app/(site)/preview/[token]). */
  sharedPreview: (token: string) => `/preview/${encodeURIComponent(token)}`,
  sitemapPart: (part: number) => `/sitemap/${part}.xml`,
  /** Where the Studio is mounted (app/(studio)/studio/[[...tool]], sanity.config.ts). */
  studio: '/studio',
} as const

/** Whether a request's path (no query string) is the Studio or one of its tools. */
export function isStudioPath(path: string): boolean {
  return path === paths.studio || path.startsWith(`${paths.studio}/`)
}
