import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleView } from '@/components/article/ArticleView'
import { PreviewBanner, PreviewStatus } from '@/components/PreviewBanner'
import { checkShareLink, getPreviewState, getSharedArticle, getSiteSettings } from '@/lib/content'
import { slugFromSegment } from '@/lib/routing/paths'

/**
 * A share link: one document's draft, read-only, for someone without a Studio account. proxy.ts
 * has answered every link that does not open (401 and why); checked again here, as a link can be
 * revoked in between. Rendered per request and never cached; no draft mode for anything else.
 */
export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Preview', robots: { index: false, follow: false } }

type Props = { params: Promise<{ token: string }> }

export default async function SharedPreviewPage({ params }: Props) {
  const check = await checkShareLink(slugFromSegment((await params).token))
  if (check.status !== 'valid') notFound()
  const [article, settings, state] = await Promise.all([
    getSharedArticle(check.claims.document),
    getSiteSettings(),
    getPreviewState(check.claims.document),
  ])
  if (!article) notFound()
  const expiresAt = new Date(check.claims.expires * 1000).toISOString()
  return (
    <>
      <PreviewBanner shared={{ expiresAt }} />
      <ArticleView article={article} settings={settings} before={<PreviewStatus state={state} />} />
    </>
  )
}
