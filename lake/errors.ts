/**
 * Errors the lake answers with, in the shapes Sanity's Content Lake uses so that
 * `@sanity/client` turns them into the same messages it shows for the real API.
 * Content Lake errors are `{error: {description, type, ...}}`; query parse errors also carry
 * `query`, `start` and `end` (see `isQueryParseError` in @sanity/client `src/http/errors.ts`).
 */
export type LakeErrorBody = {
  error: { description: string; type: string; [key: string]: unknown }
}

export class LakeError extends Error {
  override name = 'LakeError'

  constructor(
    public readonly status: number,
    public readonly type: string,
    description: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(description)
  }

  toBody(): LakeErrorBody {
    return { error: { description: this.message, type: this.type, ...this.details } }
  }
}

export const badRequest = (description: string, details?: Record<string, unknown>) =>
  new LakeError(400, 'httpBadRequest', description, details)

export const notFound = (description: string) => new LakeError(404, 'httpNotFound', description)

export const datasetNotFound = (dataset: string, projectId = 'local') =>
  new LakeError(404, 'httpNotFound', `Dataset "${dataset}" not found for project ID "${projectId}"`)

export const queryParseError = (description: string, query: string, start: number, end: number) =>
  new LakeError(400, 'queryParseError', description, { query, start, end })

/** The query ran past its time budget; 408 because @sanity/client retries 502/503 but not this. */
export class QueryTimeoutError extends LakeError {
  constructor(limitMs: number) {
    super(408, 'queryTimeout', `Query exceeded the time limit of ${limitMs} ms`)
  }
}

export const bodyTooLarge = (limit: number) =>
  new LakeError(413, 'httpRequestEntityTooLarge', `Request body exceeds the limit of ${limit} bytes`)

/** A result over the byte limit: refused rather than serialised and sent (e.g. `*{"all": *{"again": *}}`). */
export const queryResultTooLarge = (limitBytes: number) =>
  new LakeError(
    400,
    'queryResultTooLarge',
    `Query result exceeds the limit of ${limitBytes} bytes of JSON: select fewer fields or slice the result`,
  )
