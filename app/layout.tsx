import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { SiteFrame } from '@/components/SiteFrame'

import { DEFAULT_SETTINGS_VALUE } from '@/lib/content'
import { siteMetadata } from '@/lib/seo/metadata'

import { sans, serif } from './fonts/fonts'
import './globals.css'

export const metadata: Metadata = siteMetadata(DEFAULT_SETTINGS_VALUE.description)

export const viewport: Viewport = {
  colorScheme: 'light dark',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${serif.variable} ${sans.variable}`}>
      <body>
        <SiteFrame>{children}</SiteFrame>
      </body>
    </html>
  )
}
