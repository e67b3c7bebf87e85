import { defineQuery } from 'next-sanity'
import { z } from 'zod'

/**
 * What the sitemap lists: indexable articles (not `seo.noindex`), authors and topics, with the
 * dates their pages last changed. An author's or topic's page also changes when one of its
 * articles does, hence `latestArticle`.
 */
export const sitemapQuery = defineQuery(`{
  "articles": *[_type == "article" && defined(slug.current) && seo.noindex != true] | order(publishedAt desc){
    "slug": slug.current, _updatedAt
  },
  "authors": *[_type == "author" && defined(slug.current)] | order(slug.current asc){
    "slug": slug.current, _updatedAt,
    "latestArticle": *[_type == "article" && defined(slug.current) && references(^._id)] | order(_updatedAt desc) [0]._updatedAt
  },
  "topics": *[_type == "topic" && defined(slug.current)] | order(slug.current asc){
    "slug": slug.current, _updatedAt,
    "latestArticle": *[_type == "article" && defined(slug.current) && references(^._id)] | order(_updatedAt desc) [0]._updatedAt
  },
  "researchUpdatedAt": *[_type == "researchHubLink"] | order(_updatedAt desc) [0]._updatedAt
}`)

const optionalDate = z.string().nullish().transform((date) => date ?? null)
export const sitemapPageSchema = z.object({
  slug: z.string().min(1),
  _updatedAt: optionalDate,
  latestArticle: optionalDate.optional(),
})

/** The lists as they come; the loader validates their entries one by one. */
export const sitemapListsSchema = z.object({
  articles: z.array(z.unknown()),
  authors: z.array(z.unknown()),
  topics: z.array(z.unknown()),
  researchUpdatedAt: optionalDate,
})

export const sitemapSchema = z.object({
  articles: z.array(sitemapPageSchema),
  authors: z.array(sitemapPageSchema),
  topics: z.array(sitemapPageSchema),
  researchUpdatedAt: optionalDate,
})
export type SitemapContent = z.infer<typeof sitemapSchema>
