import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { sans, serif } from './fonts/fonts'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Insights', template: '%s | Insights' },
}

export const viewport: Viewport = {
  colorScheme: 'light dark',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${serif.variable} ${sans.variable}`}>
      <body>{children}</body>
    </html>
  )
}
