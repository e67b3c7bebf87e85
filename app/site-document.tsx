import type { ReactNode } from 'react'

import { SiteFrame } from '@/components/SiteFrame'

import { inter, sourceSerif } from './fonts/fonts'
import './globals.css'

/**
 * The reader pages' document: fonts, global styles, header and footer. The site's root layout
 * (app/(site)/layout.tsx) and the page for URLs that match no route (app/global-not-found.tsx)
 * both render it; the Studio (app/(studio)) has a root layout of its own without these styles.
 * (Turbopack preloads next/font files on every route, the Studio's too; nothing else of the
 * site's reaches the Studio.)
 */
export function SiteDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${sourceSerif.variable} ${inter.variable}`}>
      <body>
        <SiteFrame>{children}</SiteFrame>
      </body>
    </html>
  )
}
