import { defineQuery } from 'next-sanity'
import { z } from 'zod'

/**
 * What the revalidation webhook asks the content source after a change (tags.ts, `Dependents`).
 * Webhook projections cannot hold sub-queries on Sanity, so the site asks these itself.
 */

/** Published documents that reference `$id`, with the topics of each (for their related pages). */
export const referrersQuery = defineQuery(`*[references($id) && !(_id in path("drafts.**"))]{
  _id, _type, "slug": slug.current, "topics": coalesce(topics[]._ref, [])
}`)

export const referrerSchema = z.object({
  _id: z.string(),
  _type: z.string(),
  slug: z
    .string()
    .nullish()
    .transform((slug) => slug || null),
  topics: z.array(z.string()).catch([]),
})

/**
 * Articles whose "Related articles" may show a card of `$holders`: editors' picks of one, and
 * articles sharing a topic in `$topics` (the related query's two sources, lib/content/queries/article.ts).
 */
export const relatedPagesQuery = defineQuery(`*[_type == "article" && defined(slug.current) && !(_id in $holders)
  && (references($holders) || references($topics))
].slug.current`)

export const relatedPageSchema = z.string().min(1)
