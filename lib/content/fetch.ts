import { draftMode } from 'next/headers'
import type { QueryParams } from 'next-sanity'

import { markContentSourceDown, markContentSourceUp, shouldTryContentSource } from './availability'
import { client } from './client'
import { env } from './env'
import { ContentError } from './errors'
import { previewToken } from './token'

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
  /**
   * Read drafts: the `drafts` perspective with the preview token, uncached and never cached.
   * Every read in draft mode does this on its own; a share link asks for it for one document.
   */
  drafts?: boolean | 'raw'
}

/** Whether this request is in draft mode. False outside a request (a build's static params, a test). */
export async function inDraftMode(): Promise<boolean> {
  try {
    return (await draftMode()).isEnabled
  } catch {
    return false
  }
}

const draftsClients = new Map<'drafts' | 'raw', typeof client>()
/**
 * The client for drafts: the token, the drafts perspective (`raw`: every document under the id
 * it is stored at), no CDN, no stega (nothing hidden in strings).
 */
function clientForDrafts(name: string, perspective: 'drafts' | 'raw'): typeof client {
  if (!previewToken) {
    throw new ContentError('preview_unavailable', 'Previews need a token that reads drafts: set SANITY_API_READ_TOKEN', { query: name })
  }
  let reader = draftsClients.get(perspective)
  if (!reader)
    draftsClients.set(perspective, (reader = client.withConfig({ token: previewToken, perspective, useCdn: false, stega: false })))
  return reader
}

/**
 * Runs a GROQ query with the site's caching: time-based revalidation plus tags for webhook
 * revalidation; in draft mode (or asked for `drafts`), the drafts with the preview token and no
 * cache at all, so a draft never reaches what readers get. Returns the raw result; callers
 * validate it (validate.ts).
 */
export async function fetchRaw({ name, query, params = {}, tags, fresh = false, drafts = false }: FetchOptions): Promise<unknown> {
  if (!shouldTryContentSource()) {
    throw new ContentError('source_unavailable', 'The content source is not answering', { query: name })
  }
  const draftsReader = fresh
    ? null
    : drafts
      ? clientForDrafts(name, drafts === true ? 'drafts' : 'raw')
      : (await inDraftMode())
        ? clientForDrafts(name, 'drafts')
        : null
  try {
    const result = draftsReader
      ? await draftsReader.fetch(query, params, { cache: 'no-store' })
      : await client.fetch(
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
