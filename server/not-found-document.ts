import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { stripClientRuntime } from './reading-page'

/**
 * The site's not-found page as a whole document, for the 404s Next sends as an empty shell.
 *
 * `notFound()` in a reader page (an unknown article, author or topic slug; a page number past the
 * last) reaches the reader as `<html id="__next_error__">` with an empty body: Next (16.4) renders
 * the not-found boundary only in the browser, from the RSC payload, so a reader without JavaScript,
 * a crawler or a slow phone sees a blank page. A URL that matches no route gets the site's
 * not-found page server-rendered (app/global-not-found.tsx), so the site server answers the shell
 * with that document instead, keeping the 404. It asks the site itself for it (a path no route
 * matches), keeps it, and asks again at most once a minute while 404s are served, so a change of
 * the site settings (menus) reaches it.
 *
 * The document is served without its scripts: they would start the app router on another route's
 * payload, and a not-found page needs none (its links and the search form work as plain HTML).
 */
export const NOT_FOUND_PROBE = '/__insights-not-found__'
const REFRESH_MS = 60_000
/** After a fetch that got no document (the site not ready yet), the next try comes this much sooner. */
const RETRY_MS = 1_000

/** Next's error shell: the document it sends when the page itself could not be rendered on the server. */
export function isErrorShell(html: Buffer): boolean {
  return html.subarray(0, 200).includes('<html id="__next_error__"')
}

export class NotFoundDocument {
  private html: Buffer | null = null
  private fetchedAt = 0
  private fetching: Promise<void> | null = null

  constructor(private readonly server: Server) {}

  /** The document as last fetched (null until the first answer); starts a refresh when it is old. */
  current(): Buffer | null {
    if (Date.now() - this.fetchedAt > REFRESH_MS) void this.refresh()
    return this.html
  }

  /** Fetches the document now (once at a time); a failure keeps the last one. */
  refresh(): Promise<void> {
    if (this.fetching) return this.fetching
    this.fetchedAt = Date.now()
    this.fetching = this.fetch().finally(() => (this.fetching = null))
    return this.fetching
  }

  private async fetch(): Promise<void> {
    const address = this.server.address() as AddressInfo | null
    if (!address || typeof address === 'string') return
    const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address
    const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`
    try {
      const response = await fetch(`${origin}${NOT_FOUND_PROBE}`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(10_000) })
      const body = Buffer.from(await response.arrayBuffer())
      if (response.status === 404 && /^text\/html\b/.test(response.headers.get('content-type') ?? '') && !isErrorShell(body)) {
        this.html = Buffer.from(stripClientRuntime(body.toString('utf8')))
        return
      }
    } catch (error) {
      if (this.html === null)
        console.warn(`[server] could not fetch the not-found page yet (${error instanceof Error ? error.message : error})`)
    }
    this.fetchedAt = Date.now() - REFRESH_MS + RETRY_MS
  }
}
