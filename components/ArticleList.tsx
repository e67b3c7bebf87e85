import type { ArticleCard as ArticleCardValue } from '@/lib/content'

import { ArticleCard } from './ArticleCard'

interface Props {
  articles: ArticleCardValue[]
  headingLevel?: 2 | 3
  /** The list opens the page: its first image is the page's largest paint on a phone. */
  leadsPage?: boolean
}

export function ArticleList({ articles, headingLevel, leadsPage = false }: Props) {
  if (articles.length === 0) return <p className="empty">No articles yet.</p>
  return (
    <ul className="card-grid">
      {articles.map((article, i) => (
        <li key={article._id}>
          <ArticleCard article={article} headingLevel={headingLevel} priority={leadsPage && i === 0} />
        </li>
      ))}
    </ul>
  )
}
