import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'

import compression from 'compression'

import { editorAccess } from './editor-access'
import { interceptHtml } from './html-response'
import { isErrorShell, NotFoundDocument } from './not-found-document'
import { isEditorPath, isLakeApiPath, type LakeProxyOptions, proxyToLake, proxyUpgradeToLake } from './lake-proxy'
import { redirectLocation, type responsePolicy } from './policy'
import { isReadingRequest, withoutClientRuntime } from './reading-page'

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/**
 * An HTTP server that hands each request to `handle` (Next's request handler) with the response
 * policy's headers added on the way out and the body compressed last, after the policy has read it.
 */
export type SiteServerOptions = {
  /** The embedded default: the Studio's lake under `/lake`, and who may edit. Absent in Sanity mode. */
  lake?: LakeProxyOptions
  /** Next's handler for other upgrades (the dev server's hot reload). */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void
  /** Answer Next's empty-shell 404s with the site's not-found page (not-found-document.ts), asked for once listening. */
  notFoundDocument?: boolean
  /** Send reading pages without Next's scripts (reading-page.ts); off for the dev server, whose hot reload is a script. */
  readingPagesWithoutScripts?: boolean
}

export function createSiteServer(
  handle: RequestHandler,
  policy: ReturnType<typeof responsePolicy>,
  options: SiteServerOptions = {},
): Server {
  // Next's own compression is off (next.config.js): it would hand the policy compressed HTML.
  const compress = compression()
  const server = createServer((req, res) => {
    const { lake } = options
    const url = req.url ?? '/'
    if (!decodablePath(url)) {
      // Next answers a path it cannot %-decode with a 500; it is the request that is bad.
      res.writeHead(400, { ...policy.other(), 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
      res.end('Bad request: the address is not valid %-encoding.')
      return
    }
    if (lake && isLakeApiPath(url)) {
      for (const [name, value] of Object.entries(policy.other())) if (value !== undefined) res.setHeader(name, value)
      return proxyToLake(req, res, lake)
    }
    if (lake && isEditorPath(url)) {
      const access = editorAccess(req, lake)
      if (!access.allowed) {
        res.writeHead(access.status, {
          ...policy.other(),
          ...access.headers,
          'content-type': 'text/plain; charset=utf-8',
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        res.end(access.reason)
        return
      }
    }
    const reading = Boolean(options.readingPagesWithoutScripts) && isReadingRequest(req)
    compress(req as never, res as never, () => {
      interceptHtml(
        res,
        (response) => {
          // A 404 that Next could only send as an empty shell gets the site's not-found document.
          const document = notFound && response.status === 404 && isErrorShell(response.body) ? notFound.current() : null
          let page = document ? { status: 404, body: document } : response
          // Decoded once: for the stripping and for the policy's script hashes.
          const text = reading ? page.body.toString('utf8') : undefined
          const lean = text === undefined ? null : withoutClientRuntime(page.status, text)
          if (lean !== null) page = { status: page.status, body: Buffer.from(lean) }
          const rewrite = policy.html(page, url.split('?')[0], lean ?? text)
          if (page !== response && !rewrite.replace) rewrite.replace = page
          // A redirect Next served from its cache without its Location gets it back.
          if (!res.hasHeader('location')) Object.assign(rewrite.headers, redirectLocation(page))
          return rewrite
        },
        policy.other,
      )
      handle(req, res).catch((error: unknown) => {
        console.error('[server] request failed', error)
        // Part of the body is out: cut the connection, so no client or cache takes it as whole.
        if (res.headersSent) return void res.destroy(error instanceof Error ? error : undefined)
        res.statusCode = 500
        res.end()
      })
    })
  })
  const notFound = options.notFoundDocument ? new NotFoundDocument(server) : null
  if (notFound) server.on('listening', () => void notFound.refresh())
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves an upgraded socket without an error listener: a client that resets it would
    // otherwise take the whole server down.
    socket.on('error', () => socket.destroy())
    const { lake } = options
    if (lake && isLakeApiPath(req.url ?? '/')) return proxyUpgradeToLake(req, socket, head, lake)
    if (options.upgrade) return options.upgrade(req, socket, head)
    socket.destroy()
  })
  return server
}

/** Whether every %-escape in the path (before `?`) decodes to UTF-8. */
export function decodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split('?')[0] ?? '')
    return true
  } catch {
    return false
  }
}
