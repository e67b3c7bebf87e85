import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import compression from 'compression'

import { interceptHtml } from './html-response'
import type { responsePolicy } from './policy'

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/**
 * An HTTP server that hands each request to `handle` (Next's request handler) with the response
 * policy's headers added on the way out and the body compressed last, after the policy has read it.
 */
export function createSiteServer(handle: RequestHandler, policy: ReturnType<typeof responsePolicy>): Server {
  // Next's own compression is off (next.config.js): it would hand the policy compressed HTML.
  const compress = compression()
  return createServer((req, res) => {
    if (!decodablePath(req.url ?? '/')) {
      // Next answers a path it cannot %-decode with a 500; it is the request that is bad.
      res.writeHead(400, { ...policy.other(), 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
      res.end('Bad request: the address is not valid %-encoding.')
      return
    }
    compress(req as never, res as never, () => {
      interceptHtml(res, policy.html, policy.other)
      handle(req, res).catch((error: unknown) => {
        console.error('[server] request failed', error)
        // Part of the body is out: cut the connection, so no client or cache takes it as whole.
        if (res.headersSent) return void res.destroy(error instanceof Error ? error : undefined)
        res.statusCode = 500
        res.end()
      })
    })
  })
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
