import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { articleCardFields } from './fragments'

export const ARTICLES_PER_PAGE = 12

const listFilter = /* groq */ `_type == "article" && defined(slug.current)
  && ($topic == null || references(*[_type == "topic" && slug.current == $topic][0]._id))`

/** One page of articles, newest first, optionally in one topic; with the total for paging. */
export const articlesPageQuery = defineQuery(`{
  "items": *[${listFilter}] | order(publishedAt desc) [$start...$end]${articleCardFields},
  "total": count(*[${listFilter}])
}`)

export const articlesPageSchema = z.object({
  // Items are validated one by one by the loader: a malformed article is skipped, not fatal.
  items: z.array(z.unknown()),
  total: z.number().int().min(0),
})

/** Home page: the editors' featured articles and the latest ones. */
export const homeArticlesQuery = defineQuery(`{
  "featured": *[_type == "article" && defined(slug.current) && featured == true] | order(publishedAt desc) [0...3]${articleCardFields},
  "latest": *[_type == "article" && defined(slug.current)] | order(publishedAt desc) [0...9]${articleCardFields}
}`)

export const homeArticlesSchema = z.object({
  featured: z.array(z.unknown()),
  latest: z.array(z.unknown()),
})
