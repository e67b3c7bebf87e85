import { sitemapResponse } from '@/lib/seo/sitemap-response'

// A route handler rather than app/sitemap.ts: it can answer with a sitemap index once the site
// outgrows one file (lib/seo/sitemap.ts). Cached like pages; see app/feeds/rss.xml/route.ts.
export const revalidate = 300

export function GET() {
  return sitemapResponse()
}
