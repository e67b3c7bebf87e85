import type { ArticleCard as ArticleCardValue } from '@/lib/content'

import { ArticleCard } from './ArticleCard'

export function ArticleList({ articles, headingLevel }: { articles: ArticleCardValue[]; headingLevel?: 2 | 3 }) {
  if (articles.length === 0) return <p className="empty">No articles yet.</p>
  return (
    <ul className="card-grid">
      {articles.map((article) => (
        <li key={article._id}>
          <ArticleCard article={article} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  )
}
