import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Share links: a signed, expiring link to the draft of one document, for someone without a
 * Studio account. The link carries its claims (grant, document, expiry) and an HMAC-SHA256 of
 * them; the grant is a `previewGrant` document in the dataset, so deleting it revokes the link.
 * Pure functions here (the site, its API route and `npm run content` share them); the lookups
 * are in lib/content/preview.ts.
 */

export const GRANT_TYPE = 'previewGrant'
/** Grants live under a dotted id: private on a public dataset, as drafts are (lake/access.ts). */
export const GRANT_ID_PREFIX = 'preview-grant.'
/** The lifetimes the Studio offers. */
export const SHARE_LINK_LIFETIMES = [
  { title: '1 hour', seconds: 3600 },
  { title: '1 day', seconds: 86_400 },
  { title: '7 days', seconds: 7 * 86_400 },
] as const
/** The longest a link may live. */
export const MAX_SHARE_LINK_SECONDS = 30 * 86_400

export type ShareLinkClaims = {
  /** The grant's id (`preview-grant.<random>`). */
  grant: string
  /** The published id of the document shown. */
  document: string
  /** Expiry, seconds since the epoch. */
  expires: number
}

export type ShareLinkReading =
  | { ok: true; claims: ShareLinkClaims }
  | { ok: false; reason: 'malformed' | 'tampered' }
  | { ok: false; reason: 'expired'; claims: ShareLinkClaims }

/**
 * The signing key: PREVIEW_LINK_SECRET, else one derived from the token that reads drafts, so
 * every process holding that token (the site, `npm run content`) signs alike and rotating the
 * token ends every link. Undefined when there is neither.
 */
export function shareLinkKey(secret: string | undefined, token: string | undefined): string | undefined {
  if (secret) return secret
  return token ? createHmac('sha256', token).update('insights preview links').digest('base64url') : undefined
}

const signature = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('base64url')

/** The token of a link: `<claims as base64url JSON>.<signature>`, safe in a URL path. */
export function signShareLink(key: string, claims: ShareLinkClaims): string {
  const payload = Buffer.from(JSON.stringify([claims.grant, claims.document, claims.expires])).toString('base64url')
  return `${payload}.${signature(key, payload)}`
}

/** What a link's token says, once its signature is checked; an expired link still names its claims. */
export function readShareLink(key: string, token: string, now = Date.now()): ShareLinkReading {
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return { ok: false, reason: 'malformed' }
  const [, payload, given] = match as unknown as [string, string, string]
  const expected = Buffer.from(signature(key, payload))
  if (!timingSafeEqual(Buffer.from(given), expected)) return { ok: false, reason: 'tampered' }
  let claims: ShareLinkClaims
  try {
    const [grant, document, expires] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[]
    if (typeof grant !== 'string' || !grant.startsWith(GRANT_ID_PREFIX) || typeof document !== 'string' || !Number.isInteger(expires)) {
      return { ok: false, reason: 'malformed' }
    }
    claims = { grant, document, expires: expires as number }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (claims.expires * 1000 <= now) return { ok: false, reason: 'expired', claims }
  return { ok: true, claims }
}

/** `90m`, `24h`, `7d` (or plain seconds) as seconds, within 1 minute and MAX_SHARE_LINK_SECONDS. */
export function parseLifetime(text: string): number {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim())
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match?.[2] ?? ''] ?? 1
  const seconds = match ? Number(match[1]) * unit : NaN
  if (!Number.isFinite(seconds) || seconds < 60 || seconds > MAX_SHARE_LINK_SECONDS) {
    throw new Error(`a lifetime like 1h, 24h or 7d, from 1 minute to ${MAX_SHARE_LINK_SECONDS / 86_400} days (got "${text}")`)
  }
  return seconds
}
