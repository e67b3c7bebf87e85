import { createHash } from 'node:crypto'

/**
 * The Content-Security-Policy of a page, with a hash for each inline script in its HTML.
 *
 * Why hashes, not nonces: a nonce must be new on every response, so Next can only add one while
 * rendering, which turns every page dynamic and throws away incremental regeneration. A hash
 * belongs to the script's text: the server hashes the inline scripts of each HTML response as it
 * leaves (server/html-response.ts), whether the page was rendered now or came from the cache.
 */
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi
const EXECUTABLE_TYPE = /^\s*(?:text\/javascript|application\/javascript|module)?\s*$/i

/**
 * The `script-src` sources of a page: `'none'` when its HTML runs no script at all (a reading page,
 * server/reading-page.ts), else the site's own files and a hash for each inline script it runs.
 */
export function scriptSources(html: string): string[] {
  const runs = [...html.matchAll(INLINE_SCRIPT)].some(([, attributes = '']) => isExecutableScript(attributes))
  return runs ? ["'self'", ...inlineScriptHashes(html)] : ["'none'"]
}

/** `'sha256-…'` sources for every inline script in `html` that a browser would run. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes = '', body = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue
    if (!isExecutableScript(attributes)) continue // JSON-LD and other data blocks never run
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}

/** Whether a `<script>` with these attributes runs (it has no type, or a JavaScript one), unlike a data block. */
export function isExecutableScript(attributes: string): boolean {
  return EXECUTABLE_TYPE.test(/\stype\s*=\s*["']?([^"'\s>]*)/i.exec(` ${attributes}`)?.[1] ?? '')
}

export interface PolicyOptions {
  /** Origins allowed to frame the site, besides itself (the Studio's Presentation tool). */
  frameAncestors: string[]
  /** Origins images may come from, besides the site (Sanity's image CDN in Sanity mode). */
  imageOrigins: string[]
  /** Ask browsers to upgrade http: subresources (only when the site is served over https). */
  upgradeInsecureRequests: boolean
  /** Origins scripts may connect to, besides the site (Sanity's API for the Studio in Sanity mode). */
  connectOrigins?: string[]
}

/** The policy of an HTML page whose scripts come from these sources (scriptSources). */
export function pagePolicy(scripts: string[], options: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    ['script-src', ...scripts].join(' '),
    // next/image and next/font write style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', ...options.imageOrigins].join(' '),
    "font-src 'self'",
    ['connect-src', "'self'", ...(options.connectOrigins ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ['frame-ancestors', "'self'", ...options.frameAncestors].join(' '),
  ]
  if (options.upgradeInsecureRequests) directives.push('upgrade-insecure-requests')
  return directives.join('; ')
}

/** Feeds, sitemaps, images and API answers are documents that never need to run anything. */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
