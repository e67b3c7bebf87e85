import type { QueryParams } from 'next-sanity'

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
  try {
    return await client.fetch(query, params, {
      next: { revalidate: env.CONTENT_REVALIDATE_SECONDS, tags },
    })
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new ContentError('query_failed', `Content query failed: ${reason}`, { query: name }, { cause })
  }
}
