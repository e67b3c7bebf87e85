import { decodeSignatureHeader, isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook'

import { WebhookError } from './errors'

/** How long a signature stays good. Sanity signs each delivery attempt when it sends it. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60_000
/** How far ahead of this server's clock a signature may be dated, for clock drift. */
export const SIGNATURE_MAX_SKEW_MS = 60_000

/**
 * The signature header, refused (401) when missing, malformed or dated outside the window.
 * Needs only the header, so it runs before a byte of the body is read.
 */
export function freshSignatureHeader(headers: Headers, now = Date.now()): string {
  const header = headers.get(SIGNATURE_HEADER_NAME)
  if (!header) throw new WebhookError(401, `Missing ${SIGNATURE_HEADER_NAME} header`)
  let signedAt: number
  try {
    // `t=<milliseconds since 1970>,v1=<base64url HMAC-SHA256 of "<t>.<body>">`
    signedAt = decodeSignatureHeader(header).timestamp
  } catch {
    throw new WebhookError(401, `Malformed ${SIGNATURE_HEADER_NAME} header`)
  }
  // Seconds, not a date: any run of digits parses, and most are past the last valid Date.
  const age = Math.round((now - signedAt) / 1000)
  if (now - signedAt > SIGNATURE_MAX_AGE_MS) {
    throw new WebhookError(401, `Signature expired: signed ${age} s ago, accepted for ${SIGNATURE_MAX_AGE_MS / 1000} s`)
  }
  if (signedAt - now > SIGNATURE_MAX_SKEW_MS) {
    throw new WebhookError(401, `Signature from the future: dated ${-age} s ahead of this server's clock`)
  }
  return header
}

/** Refuses (401) a body that the header's signature was not made for with `secret`. */
export async function assertSignedBody(body: string, header: string, secret: string): Promise<void> {
  // An empty body or a timestamp before 2021 also counts as invalid here.
  if (!(await isValidSignature(body, header, secret.trim()))) throw new WebhookError(401, 'Invalid signature')
}
