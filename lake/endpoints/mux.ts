import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { LakeContext } from '../context'
import { badRequest, LakeError, notFound } from '../errors'
import { readJsonBody, sendJson, writeEvent } from '../http'

/**
 * Many listeners over one connection. A browser page keeps at most six HTTP/1.1 connections per
 * host open, and the Studio opens five or six listeners; every other request then waits for
 * ever. So a page opens one channel and runs its listeners through it:
 *
 * - `GET /v{version}/mux` is an event stream whose first event, `channel`, carries
 *   `{"channel": "<random UUID>"}`. The id is the only key to the channel (a capability): it is
 *   bound to nothing else, and nobody can list channels.
 * - `POST /v{version}/mux/{channel}` with `{"open": {"id", "path"}}` runs the lake's own listen
 *   endpoint for `path` (`/v{v}/data/listen/{dataset}?query=...`, nothing else) as if it had
 *   been requested: the router's checks, then listen.ts writing to an in-process response. The
 *   channel gets `event: opened` `{"id"}` once the listener answers 200 (not `open` or `error`:
 *   those names are the EventSource's own), then `event: sub`
 *   `{"id", "event", "data", "lastEventId"}` for each of its events (`data` is the event's data
 *   text, unparsed). A listen request that fails is `event: fail` `{"id", "status", "error"}` (the
 *   error body the direct request would have had); one the lake ends is `event: end` `{"id"}`.
 * - `{"close": "<id>"}` ends that subscription. Closing the channel's stream ends them all.
 *
 * Unknown channel 404, over MAX_SUBSCRIPTIONS open in a channel 429, an id already open 409,
 * body over 16 KB 413, not `application/json` 415, not a listen path 400. The lake's token, Host and
 * Origin checks have run before any of this (router).
 */
export const MAX_SUBSCRIPTIONS = 64
export const MAX_MUX_BODY_BYTES = 16 * 1024
/** Open channels per lake (each may hold MAX_SUBSCRIPTIONS listeners); one more is a 429. */
export const MAX_CHANNELS = 256

const LISTEN_PATH = /^\/v[^/?#]+\/data\/listen\/[^/?#]+(?:\?[^#]*)?$/
const SUBSCRIPTION_ID = /^[A-Za-z0-9_.:-]{1,64}$/

/** Runs one request through the lake's router, as the HTTP server would. */
export type Dispatch = (req: IncomingMessage, res: ServerResponse) => Promise<void>

type Channel = {
  res: ServerResponse
  /** The `Host` the channel was opened with (a lake name, checked); its subscriptions carry it. */
  host: string
  /** The `Authorization` the channel was opened with (the lake's token, checked); its subscriptions carry it. */
  authorization: string | undefined
  subscriptions: Map<string, InProcessResponse>
}

/** Channels per lake (a test may run several lakes in one process). */
const lakes = new WeakMap<LakeContext, Map<string, Channel>>()

function channelsOf(context: LakeContext): Map<string, Channel> {
  let channels = lakes.get(context)
  if (!channels) lakes.set(context, (channels = new Map()))
  return channels
}

/** `GET /v{v}/mux` (channel undefined) or `POST /v{v}/mux/{channel}`. */
export async function handleMux(
  context: LakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  channelId: string | undefined,
  dispatch: Dispatch,
): Promise<void> {
  if (channelId === undefined) {
    if (req.method !== 'GET') throw notFound(`No route for ${req.method} /mux`)
    return openChannel(context, req, res)
  }
  if (req.method !== 'POST') throw notFound(`No route for ${req.method} /mux/{channel}`)
  const channel = channelsOf(context).get(channelId)
  if (!channel) throw notFound('No such channel: open one with GET /mux')
  const body = await readJsonBody(req, MAX_MUX_BODY_BYTES)
  if (channel.res.writableEnded || channel.res.destroyed) throw notFound('No such channel: open one with GET /mux')
  const command = (body ?? {}) as { open?: unknown; close?: unknown }
  if (typeof body === 'object' && body !== null && 'open' in command) {
    const { id, path } = (command.open ?? {}) as { id?: unknown; path?: unknown }
    if (typeof id !== 'string' || !SUBSCRIPTION_ID.test(id)) throw badRequest('open.id must be 1-64 letters, digits or _.:-')
    if (typeof path !== 'string' || !isListenPath(path)) {
      throw badRequest('open.path must be a listen path: /v{version}/data/listen/{dataset}?query=...')
    }
    if (channel.subscriptions.has(id)) throw new LakeError(409, 'conflict', `Subscription "${id}" is already open in this channel`)
    if (channel.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw new LakeError(429, 'tooManyRequests', `A channel holds at most ${MAX_SUBSCRIPTIONS} subscriptions`)
    }
    subscribe(context, channel, id, path, dispatch)
    sendJson(res, 200, { id, opened: true })
    return
  }
  if (typeof body === 'object' && body !== null && 'close' in command) {
    const id = command.close
    if (typeof id !== 'string') throw badRequest('close must be a subscription id')
    const sub = channel.subscriptions.get(id)
    sub?.destroy()
    sendJson(res, 200, { id, closed: Boolean(sub) })
    return
  }
  throw badRequest('Body must be {"open": {"id", "path"}} or {"close": "<id>"}')
}

function openChannel(context: LakeContext, req: IncomingMessage, res: ServerResponse): void {
  if (channelsOf(context).size >= MAX_CHANNELS) {
    throw new LakeError(429, 'tooManyRequests', `At most ${MAX_CHANNELS} channels are open at once; close one first`)
  }
  const id = randomUUID()
  const channel: Channel = { res, host: req.headers.host ?? '', authorization: req.headers.authorization, subscriptions: new Map() }
  const channels = channelsOf(context)
  channels.set(id, channel)
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
  res.write(`event: channel\ndata: ${JSON.stringify({ channel: id })}\n\n`)
  context.streams.add(res)
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 30_000)
  res.on('close', () => {
    clearInterval(heartbeat)
    channels.delete(id)
    context.streams.delete(res)
    for (const sub of [...channel.subscriptions.values()]) sub.destroy()
  })
}

function subscribe(context: LakeContext, channel: Channel, id: string, path: string, dispatch: Dispatch): void {
  const send = (event: string, data: unknown) =>
    writeEvent(channel.res, `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, context.log, 'mux channel')
  let failed = false
  const out = new InProcessResponse({
    head: (status) => {
      if (status === 200) send('opened', { id })
    },
    event: (event) => send('sub', { id, ...event }),
    end: (status, text) => {
      if (channel.subscriptions.get(id) === out) channel.subscriptions.delete(id)
      if (failed || out.destroyedByChannel) return
      if (status !== 200) send('fail', { id, status, error: parseError(text) })
      else send('end', { id })
    },
  })
  channel.subscriptions.set(id, out)
  const req = inProcessRequest(path, channel.host, channel.authorization)
  dispatch(req, out as unknown as ServerResponse).catch((err: unknown) => {
    if (channel.subscriptions.get(id) === out) channel.subscriptions.delete(id)
    if (!(err instanceof LakeError)) context.log(`mux: listen ${path} failed: ${(err as Error)?.stack ?? String(err)}`)
    failed = true
    const status = err instanceof LakeError ? err.status : 500
    const error = err instanceof LakeError ? err.toBody().error : { description: 'Internal error', type: 'internalError' }
    send('fail', { id, status, error })
    out.destroy()
  })
}

/** `/v{v}/data/listen/{dataset}?...`, also once the router's URL parser has resolved `%2e%2e` and the like. */
function isListenPath(path: string): boolean {
  if (!LISTEN_PATH.test(path)) return false
  const url = new URL(path, 'http://lake.local')
  return url.origin === 'http://lake.local' && LISTEN_PATH.test(url.pathname)
}

function parseError(text: string): unknown {
  try {
    return (JSON.parse(text) as { error?: unknown }).error ?? null
  } catch {
    return null
  }
}

/** A GET of `path` as the router sees a request: the checked Host and token of the channel, no Origin (the POST's was checked). */
function inProcessRequest(path: string, host: string, authorization: string | undefined): IncomingMessage {
  const req = new EventEmitter() as EventEmitter & { method: string; url: string; headers: Record<string, string> }
  req.method = 'GET'
  req.url = path
  req.headers = { host, accept: 'text/event-stream', ...(authorization ? { authorization } : {}) }
  return req as unknown as IncomingMessage
}

type SseEvent = { event: string; data: string; lastEventId: string }

/**
 * The part of `ServerResponse` the router and listen.ts use (setHeader, writeHead, write, end,
 * `close`), reading the event stream they write back into events.
 */
class InProcessResponse extends EventEmitter {
  statusCode = 200
  headersSent = false
  writable = true
  /** Ended by the channel, a close command or a failure, not by the endpoint: nothing more to report. */
  destroyedByChannel = false
  private buffer = ''
  private body = ''
  private lastEventId = ''
  private readonly headers = new Map<string, unknown>()

  constructor(
    private readonly hooks: {
      head(status: number): void
      event(event: SseEvent): void
      end(status: number, text: string): void
    },
  ) {
    super()
  }

  get writableEnded(): boolean {
    return !this.writable
  }

  get destroyed(): boolean {
    return !this.writable
  }

  setHeader(name: string, value: unknown): this {
    this.headers.set(name.toLowerCase(), value)
    return this
  }

  getHeader(name: string): unknown {
    return this.headers.get(name.toLowerCase())
  }

  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase())
  }

  hasHeader(name: string): boolean {
    return this.headers.has(name.toLowerCase())
  }

  writeHead(status: number, ...rest: unknown[]): this {
    const headers = rest.find((r) => typeof r === 'object' && r !== null) as Record<string, unknown> | undefined
    for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value)
    this.statusCode = status
    this.flushHeaders()
    return this
  }

  flushHeaders(): void {
    if (this.headersSent) return
    this.headersSent = true
    this.hooks.head(this.statusCode)
  }

  write(chunk: string | Uint8Array): boolean {
    if (!this.writable) return false
    this.flushHeaders()
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    if (this.statusCode !== 200 || !String(this.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
      this.body += text
      return true
    }
    this.buffer += text
    let end: number
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end)
      this.buffer = this.buffer.slice(end + 2)
      this.parse(block)
    }
    return true
  }

  end(chunk?: string | Uint8Array | (() => void)): this {
    if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk)
    this.finish(true)
    return this
  }

  /** The channel or the client is gone: the listener stops (listen.ts unsubscribes on `close`). */
  destroy(): this {
    this.destroyedByChannel = true
    this.finish(false)
    return this
  }

  private finish(answered: boolean): void {
    if (!this.writable) return
    if (answered) this.flushHeaders()
    this.writable = false
    this.hooks.end(this.statusCode, this.body)
    this.emit('finish')
    this.emit('close')
  }

  /** One event of the text/event-stream format; comments (`: ping`) are dropped. */
  private parse(block: string): void {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
      else if (field === 'id') this.lastEventId = value
    }
    if (data.length === 0) return
    this.hooks.event({ event, data: data.join('\n'), lastEventId: this.lastEventId })
  }
}
