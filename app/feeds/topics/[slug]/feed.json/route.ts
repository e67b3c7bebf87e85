import { topicFeedResponse } from '@/lib/feeds/responses'

// Cached like pages; see app/feeds/rss.xml/route.ts.
export const revalidate = 300

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return topicFeedResponse((await params).slug, 'json')
}
