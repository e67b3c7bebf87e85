import { cookies, draftMode } from 'next/headers'
import type { NextRequest } from 'next/server'

import { checkPreviewSecret } from '@/lib/content'
import { env } from '@/lib/content/env'
import { isSitePath } from '@/lib/routing/safe-link'

/**
 * Draft mode, entered the way the Presentation tool enters it: `GET /api/draft-mode/enable` with
 * `sanity-preview-secret` (a secret the Studio wrote into the dataset, checked by Sanity's
 * `validatePreviewUrl`) and `sanity-preview-pathname` (where to go). Written here rather than
 * with next-sanity's `defineEnableDraftMode` for two things it does not do: refuse a target that
 * is not a path on this site (it would quietly send `//evil.example` to `/`), and mark the
 * cookie Secure only where the site is served over https (its Secure-in-production cookie is
 * dropped by browsers on a plain-http host). The studio's perspective cookie is not kept: a
 * preview always reads the `drafts` perspective (a stale `published` cookie would 404 new drafts).
 */

const BYPASS_COOKIE = '__prerender_bypass'
const PATHNAME_PARAM = 'sanity-preview-pathname'

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } })

/** Served over https: the site's public URL says so (as server/policy.ts decides HSTS). */
const servedOverHttps = () => env.NEXT_PUBLIC_SITE_URL.startsWith('https:')

/** A path on this site to go to, or null: `//host`, `/\host`, `https://host` and control characters are not. */
function siteTarget(value: string | null): string | null {
  if (value === null || value === '') return '/'
  if (value.length > 2048 || !isSitePath(value) || value.includes('\\')) return null
  const url = new URL(value, 'http://site.invalid')
  return url.origin === 'http://site.invalid' ? `${url.pathname}${url.search}${url.hash}` : null
}

export async function enableDraftMode(request: NextRequest): Promise<Response> {
  const target = siteTarget(request.nextUrl.searchParams.get(PATHNAME_PARAM))
  if (target === null) return text(400, `${PATHNAME_PARAM} must be a path on this site, like /insights/some-article.`)
  const check = await checkPreviewSecret(request.url)
  if (!check.valid) {
    return check.reason === 'unavailable'
      ? text(503, 'Previews are off: the site has no token that reads drafts (SANITY_API_READ_TOKEN).')
      : text(
          401,
          'This preview link is not valid: its secret is missing, wrong or over an hour old. Open the preview from the Studio again.',
        )
  }
  const mode = await draftMode()
  mode.enable()
  const store = await cookies()
  const secure = servedOverHttps()
  // SameSite=None lets the Presentation tool's iframe on another site keep it; browsers take that only with Secure.
  store.set({
    name: BYPASS_COOKIE,
    value: store.get(BYPASS_COOKIE)?.value ?? '',
    httpOnly: true,
    path: '/',
    secure,
    sameSite: secure ? 'none' : 'lax',
  })
  return new Response(null, { status: 307, headers: { location: target, 'cache-control': 'no-store' } })
}

/**
 * `GET /api/draft-mode/disable`: leaves draft mode and goes back to the page it was left from
 * (`?redirect=`, else the Referer when it is this site's), or home.
 */
export async function disableDraftMode(request: NextRequest): Promise<Response> {
  ;(await draftMode()).disable()
  // Cleared with the attributes it was set with (Next's own clearing is Secure in production,
  // which a plain-http browser ignores).
  const secure = servedOverHttps()
  ;(await cookies()).set({
    name: BYPASS_COOKIE,
    value: '',
    expires: new Date(0),
    httpOnly: true,
    path: '/',
    secure,
    sameSite: secure ? 'none' : 'lax',
  })
  const asked = request.nextUrl.searchParams.get('redirect')
  let target = asked === null ? null : siteTarget(asked)
  if (target === null && asked === null) {
    const referer = request.headers.get('referer')
    try {
      const from = referer ? new URL(referer) : null
      if (from && from.host === request.headers.get('host')) target = siteTarget(`${from.pathname}${from.search}`)
    } catch {
      // An unreadable Referer: home.
    }
  }
  return new Response(null, { status: 307, headers: { location: target ?? '/', 'cache-control': 'no-store' } })
}
