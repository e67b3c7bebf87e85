import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'

import { LakeError } from './errors'

/**
 * Who may see what, as on a public dataset of Sanity's Content Lake: a request without the lake's
 * token sees published documents only (no `drafts.`, `versions.` or other dotted ids, whatever
 * perspective it asks for) and may not write, listen, read history or use the Studio's API. A
 * request with `Authorization: Bearer <token>` may do everything.
 *
 * The token is the lake's one secret, held server-side: by the site (draft previews), by its own
 * Studio proxy (server/lake-proxy.ts adds it to the editor's requests) and by `npm run content`.
 */

/** Whether `req` carries the lake's token. A lake with `token: null` trusts every request (tests only). */
export function hasToken(token: string | null, req: IncomingMessage): boolean {
  if (token === null) return true
  const header = req.headers.authorization
  if (typeof header !== 'string') return false
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) return false
  // Compared as digests: equal length, constant time.
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(match[1]!), digest(token))
}

export const tokenRequired = (what: string) =>
  new LakeError(401, 'httpUnauthorized', `${what} needs the lake's token: send "Authorization: Bearer <token>"`)

/** Shortest token the lake accepts: a guessable one would hand out every draft. */
export const MIN_TOKEN_LENGTH = 24

/** The file that keeps the embedded default's token between runs: repo root, never committed. */
export const DEFAULT_TOKEN_FILE = path.resolve(__dirname, '..', '.lake-token')

/**
 * The embedded default's token: `SANITY_LAKE_TOKEN` if set, else the one in `file`, made on first
 * use (random, readable by this user only). Every local process that needs it (the lake, the
 * site, `npm run content`) finds the same one, whichever starts first.
 */
export function localLakeToken(env: Record<string, string | undefined> = process.env, file = DEFAULT_TOKEN_FILE): string {
  const given = env.SANITY_LAKE_TOKEN?.trim()
  if (given) return checkedToken(given, 'SANITY_LAKE_TOKEN')
  let token: string
  try {
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    token = fs.readFileSync(file, 'utf8').trim()
  } catch (err) {
    // A read-only or foreign folder (a container running as another user): say what to set.
    throw new Error(
      `SANITY_LAKE_TOKEN is not set and the lake's token file ${file} cannot be made or read (${(err as Error).message}). ` +
        `Set SANITY_LAKE_TOKEN (at least ${MIN_TOKEN_LENGTH} characters, no spaces), the same for the lake and the site.`,
      { cause: err },
    )
  }
  return checkedToken(token, file)
}

function checkedToken(token: string, source: string): string {
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new Error(`The lake's token from ${source} must be at least ${MIN_TOKEN_LENGTH} characters without spaces`)
  }
  return token
}
