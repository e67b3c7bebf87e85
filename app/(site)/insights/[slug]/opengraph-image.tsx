import { ImageResponse } from 'next/og'
import { notFound } from 'next/navigation'

import { OgCard } from '@/components/OgCard'
import { findArticle } from '@/lib/content'
import { slugFromSegment } from '@/lib/routing/paths'
import { ogFonts } from '@/lib/seo/og-fonts'
import { SITE_NAME } from '@/lib/seo/urls'

// Used as og:image only when the article has no main image of its own (lib/seo/metadata.ts).
export const size = { width: 1200, height: 630 }
export const contentType = 'image/png'
export const alt = 'The article’s title, standfirst and author'

export default async function ArticleOgImage({ params }: { params: Promise<{ slug: string }> }) {
  const article = await findArticle(slugFromSegment((await params).slug))
  if (!article) notFound()
  const byline = article.authors.map((author) => author.name).join(', ')
  return new ImageResponse(<OgCard siteName={SITE_NAME} title={article.title} standfirst={article.standfirst} byline={byline} />, {
    ...size,
    fonts: await ogFonts(),
  })
}
