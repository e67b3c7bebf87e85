import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { articleCardFields, articleListFilter, itemsCheckedByLoader, listableArticle } from './fragments'

export const ARTICLES_PER_PAGE = 12

/** One page of articles, newest first, optionally in one topic; with the total for paging. */
export const articlesPageQuery = defineQuery(`{
  "items": *[${articleListFilter}] | order(publishedAt desc) [$start...$end]${articleCardFields},
  "total": count(*[${articleListFilter}])
}`)

/** Home page: the editors' featured articles and the latest ones. */
export const homeArticlesQuery = defineQuery(`{
  "featured": *[${listableArticle} && featured == true] | order(publishedAt desc) [0...3]${articleCardFields},
  "latest": *[${listableArticle}] | order(publishedAt desc) [0...9]${articleCardFields}
}`)

export const homeArticlesSchema = z.object({ featured: itemsCheckedByLoader, latest: itemsCheckedByLoader })
