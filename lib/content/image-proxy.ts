import 'server-only'

import { env } from './env'

/** Image files are immutable: their names carry the hash of their content. */
const FORWARDED_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified', 'vary']

/**
 * Embedded mode only: serves the lake's image files through this site, so a reader's browser
 * only ever talks to one host. In Sanity mode images come from Sanity's CDN and this is a 404.
 */
export async function proxyLakeImage(segments: string[], search: string, accept: string | null): Promise<Response> {
  if (env.mode !== 'embedded' || segments.some((segment) => segment === '..' || segment.includes('/'))) {
    return new Response('Not found', { status: 404 })
  }
  const target = `${env.SANITY_LAKE_URL}/images/${segments.map(encodeURIComponent).join('/')}${search}`
  try {
    // The browser's Accept picks the format when the URL asks for auto=format (answered with Vary: Accept).
    const headers = accept ? { accept } : undefined
    const upstream = await fetch(target, { cache: 'no-store', headers, signal: AbortSignal.timeout(10_000) })
    const answer = new Headers()
    for (const name of FORWARDED_HEADERS) {
      const value = upstream.headers.get(name)
      if (value) answer.set(name, value)
    }
    if (upstream.ok && !answer.has('cache-control')) answer.set('cache-control', 'public, max-age=31536000, immutable')
    return new Response(upstream.body, { status: upstream.status, headers: answer })
  } catch {
    return new Response('The content lake is not reachable', { status: 502 })
  }
}
