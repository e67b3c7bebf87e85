import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'

import { ArticleBody } from '@/components/article/ArticleBody'
import { ArticleHeader } from '@/components/article/ArticleHeader'
import { AuthorBio } from '@/components/article/AuthorBio'
import { JsonLd } from '@/components/JsonLd'
import { LatestResearch } from '@/components/LatestResearch'
import { RelatedArticles } from '@/components/RelatedArticles'
import { ResearchLinks } from '@/components/ResearchLinks'
import { findArticle, findArticleRedirect, getArticleSlugs, getSiteSettings } from '@/lib/content'
import { paths, slugFromSegment } from '@/lib/routing/paths'
import { articleJsonLd } from '@/lib/seo/jsonld'
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
  return (
    <article className="article">
      <JsonLd data={articleJsonLd(article)} />
      <ArticleHeader article={article} />
      <ArticleBody value={article.body} />
      <AuthorBio authors={article.authors} />
      {article.researchLinks.length > 0 && <ResearchLinks links={article.researchLinks} heading="Further research" />}
      <RelatedArticles articles={article.related} />
      <LatestResearch block={settings.latestResearch} />
    </article>
  )
}
