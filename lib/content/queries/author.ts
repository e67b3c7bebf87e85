import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import type { WithLists } from '../validate'
import {
  articleCardFields,
  articleCardSchema,
  authorProfileFields,
  authorProfileSchema,
  itemsCheckedByLoader,
  lenientList,
} from './fragments'

export const authorBySlugQuery = defineQuery(`*[_type == "author" && slug.current == $slug][0]{
  ...${authorProfileFields},
  "links": coalesce(links, []),
  "articles": *[_type == "article" && defined(slug.current) && references(^._id)] | order(publishedAt desc)${articleCardFields}
}`)

export const authorSchema = authorProfileSchema.extend({
  links: lenientList(
    'author.links',
    z.object({
      label: z.string().min(1),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    }),
  ),
  articles: itemsCheckedByLoader,
})
export const authorLists = { articles: articleCardSchema }
export type Author = WithLists<z.infer<typeof authorSchema>, typeof authorLists>
