import type { QueryParams } from 'next-sanity'

import { markContentSourceDown, markContentSourceUp, shouldTryContentSource } from './availability'
import { client } from './client'
import { env } from './env'
import { ContentError } from './errors'

export interface FetchOptions {
  /** The query's name, used in errors and logs. */
  name: string
  query: string
  params?: QueryParams
  /** Cache tags this result depends on (see tags.ts). */
  tags: string[]
}

/**
 * Runs a GROQ query with the site's caching: time-based revalidation plus tags for webhook
 * revalidation. Returns the raw result; callers validate it (validate.ts).
 */
export async function fetchRaw({ name, query, params = {}, tags }: FetchOptions): Promise<unknown> {
  if (!shouldTryContentSource()) {
    throw new ContentError('source_unavailable', 'The content source is not answering', { query: name })
  }
  try {
    const result = await client.fetch(query, params, {
      next: { revalidate: env.CONTENT_REVALIDATE_SECONDS, tags },
    })
    markContentSourceUp()
    return result
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    if (!answered(cause)) {
      markContentSourceDown()
      throw new ContentError('source_unavailable', `The content source is not answering: ${reason}`, { query: name }, { cause })
    }
    throw new ContentError('query_failed', `Content query failed: ${reason}`, { query: name }, { cause })
  }
}

/** The source answered if it sent a status below 500 (a 4xx is about the query, not the source). */
function answered(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  return typeof status === 'number' && status < 500
}
