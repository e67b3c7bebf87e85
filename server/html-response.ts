import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'

/** An HTML response as it is about to leave: its status, and its body in full. */
export interface HtmlResponse {
  status: number
  body: Buffer
}

/** What to send instead: headers to add, and a new status and body if the page is replaced. */
export interface HtmlRewrite {
  headers: OutgoingHttpHeaders
  replace?: HtmlResponse
}

/**
 * Lets `finish` see every HTML response whole before its headers leave, so it can add headers
 * that depend on the body (the CSP's script hashes) or replace a failed page. Everything else
 * (scripts, images, feeds, RSC payloads) streams through untouched, after `other` has added its
 * headers. Works on the response object Next writes to, the way compression middleware does.
 */
export function interceptHtml(
  res: ServerResponse,
  finish: (response: HtmlResponse) => HtmlRewrite,
  other: () => OutgoingHttpHeaders,
): void {
  const real = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders }
  let mode: 'undecided' | 'html' | 'other' = 'undecided'
  const chunks: Buffer[] = []
  // Hands the response back: layers beneath (compression) call writeHead themselves.
  const restore = () => Object.assign(res, real)

  const setHeaders = (headers: OutgoingHttpHeaders) => {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value)
  }
  const decide = () => {
    if (mode !== 'undecided') return mode
    // A body-less answer (304, 204, 1xx, HEAD) has nothing to hash, and a 304's headers update the
    // browser's cached copy of the page: it leaves with only what Next gave it.
    const bodyless = res.statusCode === 304 || res.statusCode === 204 || res.statusCode < 200 || res.req?.method === 'HEAD'
    mode = !bodyless && /^text\/html\b/i.test(String(res.getHeader('content-type') ?? '')) ? 'html' : 'other'
    if (mode === 'other') {
      if (!bodyless) setHeaders(other())
      restore()
    }
    return mode
  }

  // Headers given to writeHead are kept on the response, so they can still change until the end.
  res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
    res.statusCode = status
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null)
    if (Array.isArray(headers)) {
      const flat = headers.flat() as string[]
      for (let i = 0; i + 1 < flat.length; i += 2) res.setHeader(flat[i] as string, flat[i + 1] as string)
    } else if (headers) {
      setHeaders(headers as OutgoingHttpHeaders)
    }
    return res
  } as ServerResponse['writeHead']

  res.flushHeaders = function flushHeaders() {
    if (decide() === 'other') res.flushHeaders()
  }

  res.write = function write(this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (decide() === 'other') return (res.write as (...args: unknown[]) => boolean)(chunk, ...rest)
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined
    if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding))
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
    if (callback) process.nextTick(callback)
    return true
  } as ServerResponse['write']

  res.end = function end(this: ServerResponse, ...args: unknown[]) {
    const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined
    const chunk = typeof args[0] === 'function' ? undefined : args[0]
    const encoding = typeof args[1] === 'string' ? (args[1] as BufferEncoding) : undefined
    if (decide() === 'other') return (res.end as (...a: unknown[]) => ServerResponse)(...args)
    if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding))
    let body: Buffer = Buffer.concat(chunks)
    const rewrite = finish({ status: res.statusCode, body })
    setHeaders(rewrite.headers)
    if (rewrite.replace) {
      res.statusCode = rewrite.replace.status
      body = rewrite.replace.body
      res.setHeader('content-length', body.length)
    }
    restore()
    res.writeHead(res.statusCode)
    return (res.end as (...a: unknown[]) => ServerResponse)(body, callback)
  } as ServerResponse['end']
}

function toBuffer(chunk: unknown, encoding?: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  return Buffer.from(String(chunk), encoding)
}
