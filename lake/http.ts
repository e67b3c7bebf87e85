import type { IncomingMessage, ServerResponse } from 'node:http'

import { badRequest, bodyTooLarge, LakeError } from './errors'

/** A %-decoded part of a request path; a malformed escape (`%E0%A4%A`) is the client's mistake, a 400, not a URIError. */
export function decodePathPart(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw badRequest(`Malformed %-escape in the path: "${value.slice(0, 100)}"`)
  }
}

/** Bytes an event stream may hold unsent (a client that stops reading) before the lake ends it. */
export const MAX_STREAM_BUFFER_BYTES = 8 * 1024 * 1024

/**
 * Writes to an event stream unless it has ended. A client that never reads would make the lake
 * buffer every event: past MAX_STREAM_BUFFER_BYTES unsent the stream is destroyed, logged once.
 */
export function writeEvent(res: ServerResponse, text: string, log: (line: string) => void, what: string): void {
  if (res.writableEnded || res.destroyed) return
  res.write(text)
  if (res.writableLength > MAX_STREAM_BUFFER_BYTES) {
    log(`${what}: the client is not reading (over ${MAX_STREAM_BUFFER_BYTES} bytes unsent); closing its stream`)
    res.destroy()
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body))
}

/** Sends JSON already serialised (a query result comes from its worker as text). */
export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.end(text)
}

/** Reads a request body up to `limit` bytes; past it, rejects with 413 without buffering more. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return (await readBodyBytes(req, limit)).toString('utf8')
}

/** The raw bytes of a request body (an upload), up to `limit`; past it, a 413 without buffering more. */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(bodyTooLarge(limit))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        chunks.length = 0
        reject(bodyTooLarge(limit))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks))
    })
    req.on('error', (err) => {
      if (!done) reject(err)
      done = true
    })
  })
}

/**
 * The JSON body of a POST query or mutation. Only `application/json`: a page on another origin
 * can send `text/plain` (or a form) without a preflight, so those are refused before reading.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new LakeError(415, 'httpUnsupportedMediaType', `Request body must be application/json, got "${type || 'no content type'}"`)
  }
  return parseJsonBody(await readBody(req, limit))
}

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw badRequest(`Request body is not valid JSON: ${(err as Error).message}`)
  }
}
