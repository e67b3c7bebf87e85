import { Link } from '../Link'

import { ArticleMeta } from '@/components/ArticleMeta'
import { SanityImage } from '@/components/SanityImage'
import { TopicTags } from '@/components/TopicTags'
import type { Article } from '@/lib/content'
import { paths } from '@/lib/routing/paths'

/** The lead image spans the article's wide column (up to 64rem). */
const MAIN_IMAGE_SIZES = '(min-width: 64rem) 64rem, 100vw'

export function ArticleHeader({ article }: { article: Article }) {
  return (
    <header className="article-header">
      <TopicTags topics={article.topics} />
      <h1>{article.title}</h1>
      <p className="lead">{article.standfirst}</p>
      <ArticleMeta minutes={article.readingMinutes} publishedAt={article.publishedAt} />
      <ul className="article-authors" aria-label="Authors">
        {article.authors.map((author) => (
          <li key={author._id}>
            <Link href={paths.author(author.slug)}>{author.name}</Link>
            {author.role && <span className="article-authors__role">{author.role}</span>}
          </li>
        ))}
      </ul>
      {article.mainImage && (
        <div className="article-header__image">
          <SanityImage image={article.mainImage} width={1600} sizes={MAIN_IMAGE_SIZES} priority />
        </div>
      )}
    </header>
  )
}
