import { validatePreviewUrl } from '@sanity/preview-url-secret'
import { z } from 'zod'

import {
  GRANT_ID_PREFIX,
  GRANT_TYPE,
  MAX_SHARE_LINK_SECONDS,
  readShareLink,
  signShareLink,
  type ShareLinkClaims,
} from '@/lib/preview/share-links'

import { client } from './client'
import { fetchRaw, inDraftMode } from './fetch'
import { loadDocument } from './load'
import { type Article, articleFromDocumentQuery, articleLists, articleSchema } from './queries/article'
import { previewLinkKey, previewToken } from './token'

/**
 * Previews: draft mode's secret and state, and share links. Every read here is uncached: what it
 * sees (drafts, grants) must never reach the cache readers are served from.
 */

export { inDraftMode as isDraftMode }

export type SecretCheck = { valid: true } | { valid: false; reason: 'invalid' | 'unavailable' }

/**
 * Whether the enable URL carries a live secret of the Presentation tool (a
 * `sanity.previewUrlSecret` document younger than an hour), checked by Sanity's own
 * `validatePreviewUrl` with the token that reads drafts.
 */
export async function checkPreviewSecret(url: string): Promise<SecretCheck> {
  if (!previewToken) return { valid: false, reason: 'unavailable' }
  const { isValid } = await validatePreviewUrl(client.withConfig({ token: previewToken }), url)
  return isValid ? { valid: true } : { valid: false, reason: 'invalid' }
}

/** How a previewed document stands: never published, published with changes in a draft, or as published. */
export type PreviewState = 'draft-only' | 'changed' | 'published'

const stateSchema = z.object({ draft: z.boolean(), published: z.boolean() })

/** The state of the document `id` (published id), or null when it has neither draft nor published version. */
export async function getPreviewState(id: string): Promise<PreviewState | null> {
  const raw = await fetchRaw({
    name: 'previewState',
    query: '{"draft": defined(*[_id == "drafts." + $id][0]._id), "published": defined(*[_id == $id][0]._id)}',
    params: { id },
    tags: [],
    drafts: 'raw',
  })
  const { draft, published } = stateSchema.parse(raw)
  if (draft) return published ? 'changed' : 'draft-only'
  return published ? 'published' : null
}

const grantSchema = z.object({
  _id: z.string(),
  document: z.string().nullable(),
  createdAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
})

async function findGrant(id: string) {
  const raw = await fetchRaw({
    name: 'previewGrant',
    query: `*[_id == $id && _type == "${GRANT_TYPE}"][0]{_id, "document": document._ref, "createdAt": coalesce(createdAt, _createdAt), expiresAt}`,
    params: { id },
    tags: [],
    drafts: 'raw',
  })
  return raw == null ? null : grantSchema.parse(raw)
}

export type ShareLinkCheck =
  | { status: 'valid'; claims: ShareLinkClaims }
  | { status: 'malformed' | 'tampered' | 'unavailable' }
  | { status: 'expired' | 'revoked' | 'other-document'; claims: ShareLinkClaims }

/**
 * What a share link's token grants: its signature first (no lookup for a forged link), then its
 * expiry, then its grant, which must still exist (deleting it revokes the link) and name the
 * same document.
 */
export async function checkShareLink(token: string, now = Date.now()): Promise<ShareLinkCheck> {
  if (!previewLinkKey) return { status: 'unavailable' }
  const reading = readShareLink(previewLinkKey, token, now)
  if (!reading.ok) return reading.reason === 'expired' ? { status: 'expired', claims: reading.claims } : { status: reading.reason }
  const grant = await findGrant(reading.claims.grant)
  if (!grant) return { status: 'revoked', claims: reading.claims }
  if (grant.document !== reading.claims.document) return { status: 'other-document', claims: reading.claims }
  return { status: 'valid', claims: reading.claims }
}

/** How long after a grant is made the site still signs a link for it (the Studio asks at once). */
export const GRANT_SIGNING_WINDOW_MS = 5 * 60_000

export type SignedGrant = { token: string; claims: ShareLinkClaims } | { error: string; status: number }

/**
 * The share link for a grant the Studio has just made (`POST /api/preview-links`): whoever could
 * create the grant, with their own rights on the dataset, gets the signed link for it. A grant
 * id that is unknown, or older than GRANT_SIGNING_WINDOW_MS, gets nothing.
 */
export async function signGrant(grantId: string, now = Date.now()): Promise<SignedGrant> {
  if (!previewLinkKey) return { status: 503, error: 'Previews are off: the site has no token that reads drafts.' }
  if (!grantId.startsWith(GRANT_ID_PREFIX) || grantId.length > 200)
    return { status: 400, error: `A grant id starts with "${GRANT_ID_PREFIX}".` }
  const grant = await findGrant(grantId)
  if (!grant?.document || !grant.createdAt) return { status: 404, error: 'No such grant.' }
  const created = Date.parse(grant.createdAt)
  if (!(now - created <= GRANT_SIGNING_WINDOW_MS)) return { status: 403, error: 'This grant is too old to sign: make a new link.' }
  const expires = Math.floor(Date.parse(grant.expiresAt ?? '') / 1000)
  if (!(expires * 1000 > now && expires * 1000 - created <= MAX_SHARE_LINK_SECONDS * 1000 + GRANT_SIGNING_WINDOW_MS)) {
    return { status: 400, error: `The grant's expiry must be in the future and at most ${MAX_SHARE_LINK_SECONDS / 86_400} days away.` }
  }
  const claims = { grant: grant._id, document: grant.document, expires }
  return { token: signShareLink(previewLinkKey, claims), claims }
}

/**
 * The article a share link shows: the document's draft (or its published version when it has no
 * draft), with everything it shows of other documents read as published. Null when the document
 * is gone or is not an article.
 */
export async function getSharedArticle(documentId: string): Promise<Article | null> {
  const document = await fetchRaw({ name: 'sharedDocument', query: '*[_id == $id][0]', params: { id: documentId }, tags: [], drafts: true })
  if (!document || typeof document !== 'object' || (document as { _type?: unknown })._type !== 'article') return null
  return loadDocument({
    name: 'sharedArticle',
    query: articleFromDocumentQuery,
    params: { document: document as Record<string, unknown> },
    tags: [],
    fresh: true,
    schema: articleSchema,
    lists: articleLists,
  })
}
