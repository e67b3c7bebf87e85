import type { Metadata, Viewport } from 'next'

import { Studio } from './Studio'

// One static shell for every Studio URL; the Studio renders and routes in the browser.
export const dynamic = 'force-static'

export const metadata: Metadata = {
  title: 'Insights Studio',
  referrer: 'same-origin',
  robots: { index: false, follow: false },
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  viewportFit: 'cover',
}

export default function StudioPage() {
  return <Studio />
}
