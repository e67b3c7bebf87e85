import type { ReactNode } from 'react'

import { JsonLd } from '@/components/JsonLd'
import { LatestResearch } from '@/components/LatestResearch'
import { RelatedArticles } from '@/components/RelatedArticles'
import { ResearchLinks } from '@/components/ResearchLinks'
import type { Article, SiteSettings } from '@/lib/content'
import { articleJsonLd } from '@/lib/seo/jsonld'

import { ArticleBody } from './ArticleBody'
import { ArticleHeader } from './ArticleHeader'
import { AuthorBio } from './AuthorBio'

/**
 * An article as readers get it: the page at its slug and a share link's preview render this
 * same view, so a preview looks exactly like the live page. `before` comes first (a preview's
 * status line).
 */
export function ArticleView({ article, settings, before }: { article: Article; settings: SiteSettings; before?: ReactNode }) {
  return (
    <article className="article">
      {before}
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
