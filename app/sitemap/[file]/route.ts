import { sitemapPartResponse } from '@/lib/seo/sitemap-response'

// The parts a split /sitemap.xml points at: /sitemap/1.xml, /sitemap/2.xml, ... Prerendered on
// first request, revalidated as often as its content fetches ask; see app/feeds/rss.xml/route.ts.
export const dynamic = 'force-static'

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return sitemapPartResponse((await params).file)
}
