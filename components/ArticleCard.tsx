import { Link } from './Link'

import { type ArticleCard as ArticleCardValue, readingMinutes } from '@/lib/content'
import { paths } from '@/lib/routing/paths'

import { ArticleMeta } from './ArticleMeta'
import { SanityImage } from './SanityImage'
import { TopicTags } from './TopicTags'

/** Cards sit in a grid of up to three columns, 22rem at most each. */
const CARD_IMAGE_SIZES = '(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw'

interface Props {
  article: ArticleCardValue
  headingLevel?: 2 | 3
  /** The card leads the page, so its image is likely the largest paint: fetched first, not lazily. */
  priority?: boolean
}

export function ArticleCard({ article, headingLevel = 3, priority = false }: Props) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="card">
      {article.mainImage && (
        <div className="card__image">
          <SanityImage image={article.mainImage} width={720} height={405} sizes={CARD_IMAGE_SIZES} priority={priority} />
        </div>
      )}
      <div className="card__body">
        <TopicTags topics={article.topics} />
        <Heading className="card__title">
          <Link href={paths.article(article.slug)}>{article.title}</Link>
        </Heading>
        {article.standfirst && <p className="card__standfirst">{article.standfirst}</p>}
        {article.authors.length > 0 && <p className="card__authors">{article.authors.map((author) => author.name).join(', ')}</p>}
        <ArticleMeta minutes={readingMinutes(article.wordCount)} publishedAt={article.publishedAt} />
      </div>
    </article>
  )
}
