import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { DEFAULT_SETTINGS_VALUE } from '@/lib/content'
import { siteMetadata } from '@/lib/seo/metadata'

import { SiteDocument } from '../site-document'

export const metadata: Metadata = siteMetadata(DEFAULT_SETTINGS_VALUE.description)

export const viewport: Viewport = {
  colorScheme: 'light dark',
}

export default function SiteLayout({ children }: { children: ReactNode }) {
  return <SiteDocument>{children}</SiteDocument>
}
