import { sitemapPartResponse } from '@/lib/seo/sitemap-response'

// The parts a split /sitemap.xml points at: /sitemap/1.xml, /sitemap/2.xml, ...
export const revalidate = 300

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return sitemapPartResponse((await params).file)
}
