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
  /**
   * Read the source as it is now: no cache, no CDN. For the revalidation webhook, which must see
   * the change it was told about (a cached answer would name the pages as they were).
   */
  fresh?: boolean
}

/**
 * Runs a GROQ query with the site's caching: time-based revalidation plus tags for webhook
 * revalidation. Returns the raw result; callers validate it (validate.ts).
 */
export async function fetchRaw({ name, query, params = {}, tags, fresh = false }: FetchOptions): Promise<unknown> {
  if (!shouldTryContentSource()) {
    throw new ContentError('source_unavailable', 'The content source is not answering', { query: name })
  }
  try {
    const result = await client.fetch(
      query,
      params,
      fresh ? { cache: 'no-store', useCdn: false } : { next: { revalidate: env.CONTENT_REVALIDATE_SECONDS, tags } },
    )
    markContentSourceUp()
    return result
  } catch (cause) {
    // Next's own signals (dynamic rendering, postponing) pass through untouched.
    if (isFrameworkSignal(cause)) throw cause
    const reason = cause instanceof Error ? cause.message : String(cause)
    if (sourceDidNotAnswer(cause)) {
      markContentSourceDown()
      throw new ContentError('source_unavailable', `The content source is not answering: ${reason}`, { query: name }, { cause })
    }
    throw new ContentError('query_failed', `Content query failed: ${reason}`, { query: name }, { cause })
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])

/**
 * The source is down when it answered 5xx or not at all: a network error anywhere in the cause
 * chain (undici reports "fetch failed" with the socket's code as its cause). A 4xx, a bad
 * result or any other error is about the query, not the source.
 */
function sourceDidNotAnswer(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  if (typeof status === 'number') return status >= 500
  // Duck-typed: errors from Node's own fetch may come from another realm than this module's Error.
  type Link = { code?: unknown; message?: unknown; name?: unknown; cause?: unknown } | null | undefined
  for (let link = error as Link, depth = 0; link && typeof link === 'object' && depth < 5; link = link.cause as Link, depth += 1) {
    const code = link.code
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'))) return true
    if ((typeof link.message === 'string' && /^(fetch failed|socket hang up)$/i.test(link.message)) || link.name === 'TimeoutError')
      return true
  }
  return false
}

/** Errors Next throws through a fetch to change how a page renders: they carry a `digest`. */
function isFrameworkSignal(error: unknown): boolean {
  return typeof (error as { digest?: unknown } | null)?.digest === 'string'
}
