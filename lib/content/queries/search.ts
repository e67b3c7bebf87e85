import { defineQuery } from 'next-sanity'
import { z } from 'zod'

import { articleCardFields, articleCardSchema, listableArticle } from './fragments'

export const SEARCH_RESULTS_PER_PAGE = 12

/**
 * Full-text search over published articles. Every word of the query must appear somewhere in
 * the title, standfirst, body or author names; results rank by where the words are, with
 * boosts title > standfirst > author > body, then newest first.
 *
 * `$terms` is always a parameter (an array of sanitised words, see lib/search/terms.ts) and
 * never part of the query text, so no input can change the query's meaning.
 */
// Every word in at least one field, asked word by word and field by field: `match` over an array
// of all the fields at once overflows the evaluator's stack on a very long body.
const everyTermFound = /* groq */ `count($terms[!(
  ^.title match @ || ^.standfirst match @ || pt::text(^.body) match @ || ^.authors[]->name match @
)]) == 0`

const searchFilter = /* groq */ `${listableArticle} && ${everyTermFound}`

const searchScore = /* groq */ `score(
  boost(title match $terms, 8),
  boost(standfirst match $terms, 4),
  boost(authors[]->name match $terms, 2),
  pt::text(body) match $terms
)`

export const searchArticlesQuery = defineQuery(`{
  "items": *[${searchFilter}] | ${searchScore} | order(_score desc, publishedAt desc) [$start...$end]{
    ...${articleCardFields},
    "bodyText": coalesce(pt::text(body), "")
  },
  "total": count(*[${searchFilter}])
}`)

export const searchHitSchema = articleCardSchema.extend({
  bodyText: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
})
export type SearchHit = z.infer<typeof searchHitSchema>
