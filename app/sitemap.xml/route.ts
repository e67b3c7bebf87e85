import { sitemapResponse } from '@/lib/seo/sitemap-response'

// A route handler rather than app/sitemap.ts: it can answer with a sitemap index once the site
// outgrows one file (lib/seo/sitemap.ts). Prerendered, revalidated as often as its content
// fetches ask; see app/feeds/rss.xml/route.ts.
export const dynamic = 'force-static'

export function GET() {
  return sitemapResponse()
}
