import { siteFeedResponse } from '@/lib/feeds/responses'

// Prerendered, revalidated as often as its content fetches ask; see app/feeds/rss.xml/route.ts.
export const dynamic = 'force-static'

export function GET() {
  return siteFeedResponse('atom')
}
