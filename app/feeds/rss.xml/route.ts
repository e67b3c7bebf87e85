import { siteFeedResponse } from '@/lib/feeds/responses'

// Prerendered and regenerated like pages. Next leaves a route handler dynamic unless it opts in
// (https://nextjs.org/docs/app/getting-started/route-handlers#caching); 'force-static' opts in
// without an interval of its own, so the response is revalidated as often as its fetches ask
// (CONTENT_REVALIDATE_SECONDS, lib/content/fetch.ts), and at once when the webhook revalidates
// their tags. (A `revalidate` here would have to be a literal, a second copy of that setting.)
export const dynamic = 'force-static'

export function GET() {
  return siteFeedResponse('rss')
}
