import { siteFeedResponse } from '@/lib/feeds/responses'

// Regenerated like pages: at most every 300 s (CONTENT_REVALIDATE_SECONDS' default; segment
// config must be a literal), and at once when the webhook revalidates the loaders' tags.
export const revalidate = 300

export function GET() {
  return siteFeedResponse('rss')
}
