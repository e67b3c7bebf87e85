import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'

import { isStudioPath } from '../lib/routing/paths'

import { editorAccess, type EditorAccessOptions } from './editor-access'

/**
 * The embedded default's Studio reaches the lake through the site's own origin: `/lake/<path>` is
 * the lake's `/<path>`. One origin for the editor's browser means no CORS, no second port to open
 * in a container or behind a proxy, and the editor-access rules (editor-access.ts) in one place.
 * The lake's images (`/lake/images/...`) are public and stay with Next (app/lake/images).
 *
 * Written on node:http rather than a proxy library: it streams (listeners stay open), forwards a
 * WebSocket upgrade, and drops the headers the lake must not see, in about a hundred lines.
 */
export const LAKE_PREFIX = '/lake'

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  // The site checked these; the lake serves this site only and must not get the editor's password or cookies.
  'origin',
  'referer',
  'cookie',
  'authorization',
])

export type LakeProxyOptions = EditorAccessOptions & {
  /** The lake's base URL, e.g. http://127.0.0.1:3999. */
  lakeUrl: string
  /**
   * The lake's token (lake/access.ts), added to each request an editor may make: the Studio gets
   * its access the way an authorised editor's client does, and the browser never holds the token.
   */
  token: string
}

/**
 * The lake URL for `/lake/<path>`: the lake's own origin and nothing else (`/lake//other-host/...`
 * must not reach another server), or null.
 */
function lakeTarget(url: string, lakeUrl: string): URL | null {
  const lake = new URL(lakeUrl)
  const rest = url.slice(LAKE_PREFIX.length)
  if (!/^\/v[^/]/.test(rest)) return null
  const target = new URL(`${lake.origin}${rest}`)
  return target.origin === lake.origin ? target : null
}

/** Whether `/lake/...` in `url` is a lake API path this proxy answers (not the public images). */
export function isLakeApiPath(url: string): boolean {
  const path = url.split('?')[0] ?? ''
  return path.startsWith(`${LAKE_PREFIX}/`) && !path.startsWith(`${LAKE_PREFIX}/images/`)
}

/** Whether `url` is the Studio or its lake, which only editors may use. */
export function isEditorPath(url: string): boolean {
  const path = url.split('?')[0] ?? ''
  return isStudioPath(path) || isLakeApiPath(url)
}

function forwardHeaders(headers: IncomingHttpHeaders, lake: URL, token: string): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
  out.host = lake.host
  out.authorization = `Bearer ${token}`
  return out
}

function refuse(res: ServerResponse, status: number, description: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { description, type: status === 401 ? 'httpUnauthorized' : 'httpForbidden' } })
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(body)
}

/** Answers a request to `/lake/...` by streaming it to and from the lake, once the editor may. */
export function proxyToLake(req: IncomingMessage, res: ServerResponse, options: LakeProxyOptions): void {
  const access = editorAccess(req, options)
  if (!access.allowed) return refuse(res, access.status, access.reason, access.headers)
  const lake = new URL(options.lakeUrl)
  const target = lakeTarget(req.url ?? '/', options.lakeUrl)
  if (!target) return refuse(res, 404, 'No such lake route.')
  const upstream = httpRequest(target, { method: req.method, headers: forwardHeaders(req.headers, lake, options.token) }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, stripHopByHop(answer.headers))
    // Event streams: send each event as it comes.
    res.flushHeaders()
    answer.pipe(res)
    answer.on('error', () => res.destroy())
  })
  upstream.on('error', () => {
    if (res.headersSent) res.destroy()
    else refuse(res, 502, 'The content lake is not answering.')
  })
  // The editor closed the page or the stream: stop the lake's side too.
  res.on('close', () => upstream.destroy())
  req.pipe(upstream)
}

function stripHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding' && value !== undefined) out[name] = value
  }
  return out
}

/** Forwards a WebSocket upgrade on `/lake/...` (the Studio's presence socket) to the lake. */
export function proxyUpgradeToLake(req: IncomingMessage, socket: Duplex, head: Buffer, options: LakeProxyOptions): void {
  if (socket.listenerCount('error') === 0) socket.on('error', () => socket.destroy())
  const access = editorAccess(req, options)
  if (!access.allowed) {
    socket.end(
      `HTTP/1.1 ${access.status} ${access.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    )
    return
  }
  const lake = new URL(options.lakeUrl)
  const target = new URL((req.url ?? '/').slice(LAKE_PREFIX.length) || '/', lake)
  const headers = forwardHeaders(req.headers, lake, options.token)
  headers.connection = 'Upgrade'
  headers.upgrade = req.headers.upgrade
  const upstream = httpRequest(target, { method: req.method, headers })
  upstream.on('upgrade', (answer, lakeSocket, lakeHead) => {
    const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`]
    for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`)
    socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    if (lakeHead.length) socket.write(lakeHead)
    if (head.length) lakeSocket.write(head)
    lakeSocket.pipe(socket).pipe(lakeSocket)
    const close = () => {
      socket.destroy()
      lakeSocket.destroy()
    }
    socket.on('error', close)
    lakeSocket.on('error', close)
    socket.on('close', close)
    lakeSocket.on('close', close)
  })
  upstream.on('response', (answer) => {
    // The lake refused the upgrade: pass its status on and close.
    socket.end(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    answer.resume()
  })
  upstream.on('error', () => socket.destroy())
  socket.on('close', () => upstream.destroy())
  upstream.end()
}
