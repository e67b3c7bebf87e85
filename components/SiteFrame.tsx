import type { ReactNode } from 'react'

import { DEFAULT_SETTINGS_VALUE, getSiteSettings, isDraftMode, type SiteSettings } from '@/lib/content'

import { DraftModeTools } from './DraftModeTools'
import { PreviewBanner } from './PreviewBanner'
import { SiteFooter } from './SiteFooter'
import { SiteHeader } from './SiteHeader'

/** Settings for the frame; the frame still renders (with defaults) when they cannot be loaded. */
async function settingsOrDefault(): Promise<SiteSettings> {
  try {
    return await getSiteSettings()
  } catch (error) {
    console.error(`[content] site settings unavailable, using defaults: ${error instanceof Error ? error.message : error}`)
    return DEFAULT_SETTINGS_VALUE
  }
}

/** Header, main landmark and footer around every reader page; in draft mode, the preview banner above them. */
export async function SiteFrame({ children }: { children: ReactNode }) {
  const [settings, preview] = await Promise.all([settingsOrDefault(), isDraftMode()])
  return (
    <>
      {preview && <PreviewBanner />}
      <SiteHeader settings={settings} />
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <SiteFooter settings={settings} />
      {preview && <DraftModeTools />}
    </>
  )
}
