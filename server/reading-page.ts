import type { IncomingMessage } from 'node:http'

import { isStudioPath } from '../lib/routing/paths'

import { isExecutableScript } from './csp'

/**
 * Reading pages leave without Next's client runtime.
 *
 * A page a reader reads (an article, a listing, search, a share link's preview, the not-found
 * page) is whole in its HTML: links are plain links, the search forms are plain GET forms, the
 * header's links scroll sideways on a phone (CSS), images load by their `srcset`. Next's scripts
 * would only hydrate the whole document again (React and the app router, about 140 kB gzip) to
 * turn later clicks into client navigations, and on a phone that work is what holds the largest
 * paint and the main thread (Lighthouse's LCP and TBT). So the site server takes them out as the
 * page leaves: every script a browser would run, its preloads and the inline RSC payload; JSON-LD
 * stays.
 *
 * Pages keep their scripts where they do something: in draft mode (the Presentation tool's
 * navigation and refresh on edits), in the Studio, on an error page (its "Try again" re-renders in
 * place), and on a page React left a part of for the browser to render (a Suspense boundary still
 * pending or switched to client rendering), which would otherwise stay empty.
 */

/** Next's draft-mode cookie: a request carrying it gets the page as Next made it. */
const DRAFT_MODE_COOKIE = /(?:^|;\s*)__prerender_bypass=/

/** Whether a request is for a reading page, as far as the request tells: not the Studio, not draft mode. */
export function isReadingRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0] ?? '/'
  if (isStudioPath(path)) return false
  return !DRAFT_MODE_COOKIE.test(String(req.headers.cookie ?? ''))
}

const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi
const LINK = /<link\b[^>]*>/gi
/** A `<link>` that fetches a script ahead: `rel=preload as=script`, or `rel=modulepreload`. */
const preloadsScript = (link: string) =>
  /\brel=["']?modulepreload\b/i.test(link) || (/\brel=["']?preload\b/i.test(link) && /\bas=["']?script\b/i.test(link))
/** React's markers of a boundary the browser still has to fill in (pending) or render itself (client-rendered). */
const CLIENT_BOUNDARY = /<!--\$[?!]-->/

/** Statuses whose page is complete as HTML: a page, and the not-found page. */
const READABLE_STATUS = new Set([200, 404])

/** The page without the scripts it would run, or null when it needs them (see above). */
export function withoutClientRuntime(status: number, html: string): string | null {
  if (!READABLE_STATUS.has(status) || CLIENT_BOUNDARY.test(html)) return null
  return stripClientRuntime(html)
}

/** `html` without every script a browser would run and without script preloads; data blocks (JSON-LD) stay. */
export function stripClientRuntime(html: string): string {
  return html
    .replace(SCRIPT, (script, attributes: string) => (isExecutableScript(attributes) ? '' : script))
    .replace(LINK, (link) => (preloadsScript(link) ? '' : link))
}
