import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import type { WithLists } from '../validate'
import { itemsCheckedByLoader } from './fragments'

/** An author's or topic's page: its slug, and when it or its newest-changed article last changed. */
const pageWithArticlesFields = /* groq */ `{
  "slug": slug.current, _updatedAt,
  "latestArticle": *[_type == "article" && defined(slug.current) && references(^._id)] | order(_updatedAt desc) [0]._updatedAt
}`

/**
 * What the sitemap lists: indexable articles (not `seo.noindex`), authors and topics, with the
 * dates their pages last changed. An author's or topic's page also changes when one of its
 * articles does, hence `latestArticle`.
 */
export const sitemapQuery = defineQuery(`{
  "articles": *[_type == "article" && defined(slug.current) && seo.noindex != true] | order(publishedAt desc){
    "slug": slug.current, _updatedAt
  },
  "authors": *[_type == "author" && defined(slug.current)] | order(slug.current asc)${pageWithArticlesFields},
  "topics": *[_type == "topic" && defined(slug.current)] | order(slug.current asc)${pageWithArticlesFields},
  "researchUpdatedAt": *[_type == "researchHubLink"] | order(_updatedAt desc) [0]._updatedAt
}`)

const optionalDate = z
  .string()
  .nullish()
  .transform((date) => date ?? null)
const sitemapPageSchema = z.object({
  slug: z.string().min(1),
  _updatedAt: optionalDate,
  latestArticle: optionalDate.optional(),
})

export const sitemapSchema = z.object({
  articles: itemsCheckedByLoader,
  authors: itemsCheckedByLoader,
  topics: itemsCheckedByLoader,
  researchUpdatedAt: optionalDate,
})
export const sitemapLists = { articles: sitemapPageSchema, authors: sitemapPageSchema, topics: sitemapPageSchema }
export type SitemapContent = WithLists<z.infer<typeof sitemapSchema>, typeof sitemapLists>
