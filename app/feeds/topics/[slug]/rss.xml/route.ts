import { topicFeedResponse } from '@/lib/feeds/responses'
import { slugFromSegment } from '@/lib/routing/paths'

// Prerendered, revalidated as often as its content fetches ask; see app/feeds/rss.xml/route.ts.
export const dynamic = 'force-static'

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return topicFeedResponse(slugFromSegment((await params).slug), 'rss')
}
