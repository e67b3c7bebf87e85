import { ImageResponse } from 'next/og'

import { OgCard } from '@/components/OgCard'
import { DEFAULT_SETTINGS_VALUE } from '@/lib/content'
import { ogFonts } from '@/lib/seo/og-fonts'
import { SITE_NAME } from '@/lib/seo/urls'

// The site's default share image, for every page without one of its own.
export const size = { width: 1200, height: 630 }
export const contentType = 'image/png'
export const alt = SITE_NAME

export default async function SiteOgImage() {
  return new ImageResponse(
    <OgCard siteName={SITE_NAME} title={DEFAULT_SETTINGS_VALUE.description} byline="Research and ideas from our faculty" />,
    {
      ...size,
      fonts: await ogFonts(),
    },
  )
}
