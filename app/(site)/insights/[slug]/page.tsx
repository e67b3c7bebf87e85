import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'

import { ArticleView } from '@/components/article/ArticleView'
import { PreviewStatus } from '@/components/PreviewBanner'
import { findArticle, findArticleRedirect, getArticleSlugs, getPreviewState, getSiteSettings, isDraftMode } from '@/lib/content'
import { paths, slugFromSegment } from '@/lib/routing/paths'
import { articleMetadata } from '@/lib/seo/metadata'

/** How many of the newest articles are built ahead; the rest render on first request. */
const PREBUILT_ARTICLES = 24

type Props = { params: Promise<{ slug: string }> }

export async function generateStaticParams() {
  const slugs = await getArticleSlugs(PREBUILT_ARTICLES)
  return slugs.map((slug) => ({ slug }))
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await findArticle(slugFromSegment((await params).slug))
  return article ? articleMetadata(article) : {}
}

export default async function ArticlePage({ params }: Props) {
  const slug = slugFromSegment((await params).slug)
  const [article, settings] = await Promise.all([findArticle(slug), getSiteSettings()])
  if (!article) {
    // An old slug the editors kept: 308 to the article's address now.
    const current = await findArticleRedirect(slug)
    if (current) permanentRedirect(paths.article(current))
    notFound()
  }
  // In draft mode (never while building or serving readers): whether this is a draft, changed or as published.
  const state = (await isDraftMode()) ? await getPreviewState(article._id) : undefined
  return <ArticleView article={article} settings={settings} before={state !== undefined && <PreviewStatus state={state} />} />
}
