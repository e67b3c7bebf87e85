import type { ArticleCard } from '@/lib/content'

import { ArticleList } from './ArticleList'

export function RelatedArticles({ articles }: { articles: ArticleCard[] }) {
  if (articles.length === 0) return null
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related articles</h2>
      <ArticleList articles={articles} headingLevel={3} />
    </section>
  )
}
