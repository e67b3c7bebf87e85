import { z } from 'zod'

import { fetchRaw, type FetchOptions } from './fetch'
import { type ListSchemas, validateEach, validateLists, validateResult, type WithLists } from './validate'

/**
 * The two shapes every loader reads: one document, or a list of them. Both fetch with the site's
 * caching (fetch.ts) and validate with zod (validate.ts), so a loader only names its query.
 */

interface DocumentRequest<S extends z.ZodType, L extends ListSchemas> extends FetchOptions {
  schema: S
  /** List fields the schema leaves unchecked, with the schema of one item: each is validated like loadList's. */
  lists?: L
}

/**
 * One document, or one object of results, validated whole: anything malformed is a ContentError
 * naming query, document and field. Null when the query finds nothing.
 */
export async function loadDocument<
  S extends z.ZodType<{ [K in keyof L]: readonly unknown[] }>,
  L extends ListSchemas = Record<never, z.ZodType>,
>({ schema, lists, ...request }: DocumentRequest<S, L>): Promise<NoInfer<WithLists<z.output<S>, L>> | null> {
  const raw = await fetchRaw(request)
  if (raw == null) return null
  const value = validateResult(request.name, schema, raw)
  return validateLists(request.name, value, lists ?? ({} as L))
}

/**
 * A list, validated item by item: a malformed item is skipped and a warning names it, so one bad
 * document cannot take a listing down.
 */
export async function loadList<S extends z.ZodType>({ schema, ...request }: FetchOptions & { schema: S }): Promise<Array<z.output<S>>> {
  const raw = await fetchRaw(request)
  return validateEach(request.name, schema, validateResult(request.name, z.array(z.unknown()), raw))
}
