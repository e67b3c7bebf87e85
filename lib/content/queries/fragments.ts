import { z } from 'zod'

import { validateEach } from '../validate'

/**
 * GROQ fragments and the zod schemas of what they select, side by side. Types are always
 * `z.infer` of a schema, never written by hand.
 */

// ---- images ---------------------------------------------------------------
// `lqip`: the asset's 20 px preview, shown behind the image while it loads. Opaque images only: a
// reading page runs no script to take the preview away, so it would show through transparent parts.
export const imageFields = /* groq */ `{asset, hotspot, crop, alt, "lqip": select(asset->metadata.isOpaque != false => asset->metadata.lqip)}`

const assetRef = /^image-[A-Za-z0-9]+-(\d+)x(\d+)-[a-z0-9]+$/

export const imageSchema = z
  .object({
    asset: z.object({ _ref: z.string().regex(assetRef, 'is not an image asset reference') }),
    hotspot: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).nullish(),
    crop: z.object({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() }).nullish(),
    alt: z.string().min(1, 'image needs alt text'),
    // Only a small inline image may become a placeholder; anything else is left out.
    lqip: z
      .string()
      .max(4096)
      .regex(/^data:image\/(jpeg|png|webp|gif);base64,[A-Za-z0-9+/=]+$/)
      .transform((url) => url as `data:image/${string}`)
      .nullish()
      .catch(null),
  })
  .transform((image) => {
    // Asset ids carry the original dimensions: image-<hash>-<w>x<h>-<ext>.
    const [, width, height] = assetRef.exec(image.asset._ref) ?? []
    return { ...image, width: Number(width), height: Number(height) }
  })
export type SanityImage = z.infer<typeof imageSchema>

// ---- Portable Text --------------------------------------------------------
/** Body blocks; internal links get the target's slug so the renderer can link without a query. */
export const bodyProjection = /* groq */ `coalesce(body[]{
  ...,
  _type == "block" => {"markDefs": coalesce(markDefs[]{
    ...,
    _type == "internalLink" => {"slug": reference->slug.current}
  }, [])}
}, [])`

// ---- lists of independent items ----------------------------------------------
/**
 * A list whose malformed entries are skipped, each named in a warning under `label` (where the
 * list is, e.g. `article.authors`), so one bad entry never fails the document that holds it.
 * Missing lists and null entries (dangling references) are dropped quietly.
 */
export function lenientList<S extends z.ZodType>(label: string, item: S) {
  return z
    .array(z.unknown())
    .nullish()
    .transform((list) =>
      validateEach(
        label,
        item,
        (list ?? []).filter((entry) => entry != null),
      ),
    )
}

/** A list of dereferenced documents; dangling references are dropped, malformed ones skipped. */
export function referenceList<S extends z.ZodType>(label: string, item: S) {
  return lenientList(label, item)
}

export const portableTextSchema = lenientList('portableText', z.looseObject({ _type: z.string(), _key: z.string() }))
export type PortableTextValue = z.infer<typeof portableTextSchema>

/** Words in the body; the reading time is derived from it, never stored. */
export const wordCountProjection = /* groq */ `length(string::split(pt::text(body), " "))`

const WORDS_PER_MINUTE = 200
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE))
}

// ---- references -----------------------------------------------------------
export const topicSummaryFields = /* groq */ `{_id, title, "slug": slug.current}`
export const topicSummarySchema = z.object({ _id: z.string(), title: z.string().min(1, 'topic needs a title'), slug: z.string().min(1) })
export type TopicSummary = z.infer<typeof topicSummarySchema>

const authorSummaryFields = /* groq */ `{_id, name, "slug": slug.current, role}`
const authorSummarySchema = z.object({
  _id: z.string(),
  name: z.string().min(1, 'author needs a name'),
  slug: z.string().min(1),
  role: z
    .string()
    .nullish()
    .transform((role) => role ?? ''),
})

/** An author as an article's bio block and the author's own page show them. */
export const authorProfileFields = /* groq */ `{
  _id, name, "slug": slug.current, role, affiliation,
  "bio": coalesce(bio, []),
  "photo": photo${imageFields}
}`
export const authorProfileSchema = authorSummarySchema.extend({
  affiliation: z
    .string()
    .nullish()
    .transform((affiliation) => affiliation ?? ''),
  bio: portableTextSchema,
  photo: imageSchema.nullish().transform((image) => image ?? null),
})

const RESEARCH_KINDS = ['hub', 'publication', 'caseStudy', 'report', 'book', 'podcast'] as const
export const researchLinkFields = /* groq */ `{_id, title, description, url, kind}`
export const researchLinkSchema = z.object({
  _id: z.string(),
  title: z.string().min(1),
  description: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  kind: z
    .enum(RESEARCH_KINDS)
    .nullish()
    .transform((kind) => kind ?? 'publication'),
})
export type ResearchLink = z.infer<typeof researchLinkSchema>

// ---- article cards --------------------------------------------------------
/**
 * Articles a listing can show: the fields every card needs have the right type, so what a list
 * counts is what it shows (a card failing on anything else is skipped and named in the log).
 */
export const listableArticle = /* groq */ `_type == "article" && defined(slug.current) && string(slug.current) == slug.current
  && defined(title) && string(title) == title && title != "" && dateTime(publishedAt) != null
  && (!defined(standfirst) || string(standfirst) == standfirst)`

/** Articles readers can open, all of them or, when `$topic` is a topic's slug, those in that topic. */
export const articleListFilter = /* groq */ `${listableArticle}
  && ($topic == null || references(*[_type == "topic" && slug.current == $topic][0]._id))`

export const articleCardFields = /* groq */ `{
  _id,
  title,
  "slug": slug.current,
  standfirst,
  publishedAt,
  "mainImage": mainImage${imageFields},
  "wordCount": ${wordCountProjection},
  "authors": authors[]->${authorSummaryFields},
  "topics": topics[]->${topicSummaryFields}
}`

export const articleCardSchema = z.object({
  _id: z.string(),
  title: z.string().min(1),
  slug: z.string().min(1),
  standfirst: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
  publishedAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }),
  mainImage: imageSchema.nullish().transform((image) => image ?? null),
  wordCount: z
    .number()
    .nullish()
    .transform((count) => count ?? 0),
  authors: referenceList('articleCard.authors', authorSummarySchema),
  topics: referenceList('articleCard.topics', topicSummarySchema),
})
export type ArticleCard = z.infer<typeof articleCardSchema>

// ---- lists the loader checks item by item ---------------------------------
/**
 * A list inside a result whose items the loader validates one by one (`lists` in load.ts), so a
 * malformed document is skipped with a warning instead of failing the whole result.
 */
export const itemsCheckedByLoader = z.array(z.unknown())

/** One page of a longer list, with the total for paging. */
export const pagedResultSchema = z.object({ items: itemsCheckedByLoader, total: z.number().int().min(0) })
