import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { articleCardFields, imageFields, imageSchema, portableTextSchema } from './fragments'

export const authorBySlugQuery = defineQuery(`*[_type == "author" && slug.current == $slug][0]{
  _id,
  name,
  "slug": slug.current,
  role,
  affiliation,
  "bio": coalesce(bio, []),
  "photo": photo${imageFields},
  "links": coalesce(links, []),
  "articles": *[_type == "article" && defined(slug.current) && references(^._id)] | order(publishedAt desc)${articleCardFields}
}`)

export const authorSchema = z.object({
  _id: z.string(),
  name: z.string().min(1, 'author needs a name'),
  slug: z.string().min(1),
  role: z.string().nullish().transform((role) => role ?? ''),
  affiliation: z.string().nullish().transform((affiliation) => affiliation ?? ''),
  bio: portableTextSchema,
  photo: imageSchema.nullish().transform((image) => image ?? null),
  links: z.array(
    z.object({
      label: z.string().min(1),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    }),
  ),
  // Validated one by one by the loader.
  articles: z.array(z.unknown()),
})
export type Author = z.infer<typeof authorSchema>

export const authorSlugsQuery = defineQuery(`*[_type == "author" && defined(slug.current)].slug.current`)
