import type { Metadata } from 'next'

import { PageHeading } from '@/components/PageHeading'
import { ResearchLinks } from '@/components/ResearchLinks'
import { getResearchLinks, getSiteSettings } from '@/lib/content'
import { paths } from '@/lib/routing/paths'
import { pageMetadata } from '@/lib/seo/metadata'

export const metadata: Metadata = pageMetadata({
  title: 'Research',
  description: 'Research hubs, publications, case studies and reports from our faculty.',
  path: paths.research,
})

export default async function ResearchPage() {
  const [links, settings] = await Promise.all([getResearchLinks(), getSiteSettings()])
  return (
    <>
      <PageHeading title="Research" lead={settings.latestResearch.text || undefined} />
      <ResearchLinks links={links} heading="Research hubs and publications" />
    </>
  )
}
