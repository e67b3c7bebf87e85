import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { articleCardFields, articleCardSchema, articleListFilter } from './fragments'

/** How many articles a feed carries. */
const FEED_ARTICLES = 50

/** The newest articles for a feed, all or in one topic (by slug). */
export const feedArticlesQuery = defineQuery(`*[${articleListFilter}] | order(publishedAt desc) [0...${FEED_ARTICLES}]{
  ...${articleCardFields},
  _updatedAt
}`)

export const feedArticleSchema = articleCardSchema.extend({ _updatedAt: z.string() })
export type FeedArticle = z.infer<typeof feedArticleSchema>
