import type { ReactNode } from 'react'

import { SiteFrame } from '@/components/SiteFrame'

import './globals.css'

/**
 * The reader pages' document: global styles, header and footer. The site's root layout
 * (app/(site)/layout.tsx) renders it with the fonts' class names; the page for URLs that match no
 * route (app/global-not-found.tsx) without them, in the fallback faces globals.css names: Next adds
 * that page's fonts to every route, and the Studio (app/(studio)) must not preload the site's fonts.
 */
export function SiteDocument({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <html lang="en" className={className}>
      <body>
        <SiteFrame>{children}</SiteFrame>
      </body>
    </html>
  )
}
