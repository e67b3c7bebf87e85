import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { topicSummarySchema } from './fragments'

const topicFields = /* groq */ `{_id, title, "slug": slug.current, description}`

export const topicBySlugQuery = defineQuery(`*[_type == "topic" && slug.current == $slug][0]${topicFields}`)

export const topicsQuery = defineQuery(`*[_type == "topic" && defined(slug.current)] | order(title asc)${topicFields}`)

export const topicSchema = topicSummarySchema.extend({
  description: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
})
export type Topic = z.infer<typeof topicSchema>
