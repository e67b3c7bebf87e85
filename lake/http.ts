import type {IncomingMessage, ServerResponse} from 'node:http'

import {badRequest, bodyTooLarge} from './errors'

/**
 * CORS for browser clients (the Studio, Vision, a preview page): the origin is echoed with
 * credentials allowed, and a preflight gets back whatever headers it asked for, which covers
 * the `Authorization`, `Content-Type` and tag headers @sanity/client sends.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin
  if (!origin) return
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  res.setHeader('Vary', 'Origin')
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
    const asked = req.headers['access-control-request-headers']
    res.setHeader('Access-Control-Allow-Headers', asked || 'Authorization, Content-Type, X-Sanity-Project-Id')
    res.setHeader('Access-Control-Max-Age', '600')
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.setHeader('Cache-Control', 'no-store')
  res.end(text)
}

/** Reads a request body up to `limit` bytes; past it, rejects with 413 without buffering more. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
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
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', (err) => {
      if (!done) reject(err)
      done = true
    })
  })
}

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw badRequest(`Request body is not valid JSON: ${(err as Error).message}`)
  }
}
