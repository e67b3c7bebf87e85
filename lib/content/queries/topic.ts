import { defineQuery } from 'next-sanity'
import { z } from 'zod'

export const topicBySlugQuery = defineQuery(`*[_type == "topic" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, description
}`)

export const topicSchema = z.object({
  _id: z.string(),
  title: z.string().min(1, 'topic needs a title'),
  slug: z.string().min(1),
  description: z.string().nullish().transform((text) => text ?? ''),
})
export type Topic = z.infer<typeof topicSchema>

export const topicsQuery = defineQuery(`*[_type == "topic" && defined(slug.current)] | order(title asc){
  _id, title, "slug": slug.current, description
}`)
