import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import type { WithLists } from '../validate'
import {
  articleCardFields,
  articleCardSchema,
  authorProfileFields,
  authorProfileSchema,
  bodyProjection,
  imageFields,
  imageSchema,
  itemsCheckedByLoader,
  listableArticle,
  portableTextSchema,
  readingMinutes,
  referenceList,
  researchLinkFields,
  researchLinkSchema,
  topicSummaryFields,
  topicSummarySchema,
  wordCountProjection,
} from './fragments'

/** How many related articles an article shows. */
const RELATED_ARTICLES = 3

/**
 * Related articles: the editor's picks first, in their order, then the newest articles that
 * share a topic with this one. Never the article itself; picks are left out of the topic list.
 * Duplicate picks are removed, and the list cut to RELATED_ARTICLES, by the schema below.
 */
const relatedProjection = /* groq */ `(
    coalesce(relatedArticles[_ref != ^._id && defined(@->slug.current)]->${articleCardFields}, [])
    + (*[_type == "article" && defined(slug.current) && _id != ^._id
        && !(_id in coalesce(^.relatedArticles[]._ref, []))
        && references(coalesce(^.topics[]._ref, []))
      ] | order(publishedAt desc) [0...${RELATED_ARTICLES}]${articleCardFields})
  )`

/** What an article page shows of an article document. */
const articleProjection = /* groq */ `{
  _id,
  _updatedAt,
  title,
  "slug": slug.current,
  standfirst,
  publishedAt,
  "mainImage": mainImage${imageFields},
  "body": ${bodyProjection},
  "wordCount": ${wordCountProjection},
  "seo": {"title": seo.title, "description": seo.description, "noindex": coalesce(seo.noindex, false)},
  "authors": authors[]->${authorProfileFields},
  "topics": topics[]->${topicSummaryFields},
  "researchLinks": researchLinks[]->${researchLinkFields},
  "related": ${relatedProjection}
}`

export const articleBySlugQuery = defineQuery(`*[_type == "article" && slug.current == $slug][0]${articleProjection}`)

/**
 * The same for an article document handed over as `$document` (a share link's draft, read with
 * the token): its authors, topics and related articles are read as published, so the link shows
 * that one draft and nothing else unpublished.
 */
export const articleFromDocumentQuery = defineQuery(`$document${articleProjection}`)

/** First occurrence of each related document, never `selfId`, at most RELATED_ARTICLES. */
export function relatedList(selfId: string, related: unknown[]): unknown[] {
  const seen = new Set<string>([selfId])
  const list: unknown[] = []
  for (const item of related) {
    const id = item && typeof item === 'object' && '_id' in item && typeof item._id === 'string' ? item._id : null
    if (id === null || seen.has(id)) continue
    seen.add(id)
    list.push(item)
    if (list.length === RELATED_ARTICLES) break
  }
  return list
}

export type ArticleAuthor = z.infer<typeof authorProfileSchema>

export const articleSchema = z
  .object({
    _id: z.string(),
    _updatedAt: z.string(),
    title: z.string().min(1, 'article needs a title'),
    slug: z.string().min(1),
    standfirst: z.string().min(1, 'article needs a standfirst'),
    publishedAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }),
    mainImage: imageSchema.nullish().transform((image) => image ?? null),
    body: portableTextSchema,
    wordCount: z
      .number()
      .nullish()
      .transform((count) => count ?? 0),
    seo: z.object({
      title: z
        .string()
        .nullish()
        .transform((title) => title ?? null),
      description: z
        .string()
        .nullish()
        .transform((text) => text ?? null),
      noindex: z.boolean(),
    }),
    // An author deleted or malformed drops out of the byline; the article still reads.
    authors: referenceList('article.authors', authorProfileSchema),
    topics: referenceList('article.topics', topicSummarySchema),
    researchLinks: referenceList('article.researchLinks', researchLinkSchema),
    related: itemsCheckedByLoader.nullish().transform((list) => list ?? []),
  })
  .transform((article) => ({
    ...article,
    related: relatedList(article._id, article.related),
    readingMinutes: readingMinutes(article.wordCount),
  }))
export const articleLists = { related: articleCardSchema }
export type Article = WithLists<z.infer<typeof articleSchema>, typeof articleLists>

export const articleSlugsQuery = defineQuery(
  `*[_type == "article" && defined(slug.current)] | order(publishedAt desc) [0...$limit].slug.current`,
)
export const articleSlugSchema = z.string().min(1)

/**
 * The article that keeps `$slug` among its old slugs (`previousSlugs`, set by editors), as the
 * slug to redirect to; the most recently changed one when two keep it. Only articles a reader
 * can open: a redirect never lands on a 404.
 */
export const articleRedirectQuery = defineQuery(
  `*[${listableArticle} && $slug in previousSlugs] | order(_updatedAt desc) [0]{"slug": slug.current}`,
)
export const articleRedirectSchema = z.object({ slug: z.string().min(1) })
