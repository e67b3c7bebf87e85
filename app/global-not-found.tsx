import type { Metadata, Viewport } from 'next'

import { NotFoundMessage } from '@/components/NotFoundMessage'

import { DEFAULT_SETTINGS_VALUE } from '@/lib/content'
import { siteMetadata } from '@/lib/seo/metadata'

import { SiteDocument } from './site-document'

// A URL that matches no route. The app has two root layouts (the site's and the Studio's), so Next
// cannot pick one for it; this page is its own document, the site's (notFound() in a reader page
// uses app/(site)/not-found.tsx inside the site's layout).
export const metadata: Metadata = { ...siteMetadata(DEFAULT_SETTINGS_VALUE.description), title: 'Page not found' }

export const viewport: Viewport = {
  colorScheme: 'light dark',
}

export default function GlobalNotFound() {
  return (
    <SiteDocument>
      <NotFoundMessage />
    </SiteDocument>
  )
}
