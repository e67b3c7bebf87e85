import type { z } from 'zod'

import { ContentError } from './errors'

type Path = ReadonlyArray<PropertyKey>

/** The `_id` of the innermost document along `path` in `value`, for error messages. */
function documentIdAt(value: unknown, path: Path): string | undefined {
  let id: string | undefined
  let node: unknown = value
  for (const key of [undefined, ...path]) {
    if (key !== undefined) node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined
    if (node && typeof node === 'object' && typeof (node as { _id?: unknown })._id === 'string') {
      id = (node as { _id: string })._id
    }
  }
  return id
}

function firstProblem(error: z.ZodError, value: unknown, query: string, basePath: Path = []) {
  const issue = error.issues[0]
  const path = [...basePath, ...(issue?.path ?? [])]
  return new ContentError('invalid_document', `Content failed validation: ${issue?.message ?? 'invalid'}`, {
    query,
    documentId: documentIdAt(value, path),
    path: path.map(String).join('.') || '(root)',
  })
}

/** Validates a whole result; a failure is a ContentError naming query, document and field. */
export function validateResult<S extends z.ZodType>(query: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw firstProblem(result.error, value, query)
  return result.data
}

/**
 * Validates a list item by item. A bad item is skipped and reported, so one malformed document
 * cannot take a listing page down.
 */
export function validateEach<S extends z.ZodType>(
  query: string,
  schema: S,
  items: readonly unknown[],
  report: (error: ContentError) => void = (error) => console.warn(`[content] skipped: ${error.message}`),
): Array<z.output<S>> {
  const valid: Array<z.output<S>> = []
  items.forEach((item, index) => {
    const result = schema.safeParse(item)
    if (result.success) valid.push(result.data)
    else report(firstProblem(result.error, items, query, [index]))
  })
  return valid
}

/** Item schemas for the list fields that a result's own schema leaves unchecked. */
export type ListSchemas = Record<string, z.ZodType>

/** A result whose list fields `L` hold validated items. */
export type WithLists<T, L extends ListSchemas> = Omit<T, keyof L> & { [K in keyof L]: Array<z.output<L[K]>> }

/** Validates each list field named in `lists` with validateEach, reported as `query.field`. */
export function validateLists<T extends Record<keyof L, readonly unknown[]>, L extends ListSchemas>(
  query: string,
  value: T,
  lists: L,
): WithLists<T, L> {
  const checked = Object.entries(lists).map(([field, schema]) => [
    field,
    validateEach(`${query}.${field}`, schema, value[field as keyof L]),
  ])
  return { ...value, ...Object.fromEntries(checked) }
}
