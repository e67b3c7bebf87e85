import { randomBytes } from 'node:crypto'
import { type IncomingMessage, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

import { type RawData, type WebSocket, WebSocketServer } from 'ws'

import { hasToken, tokenRequired } from '../access'
import type { LakeContext } from '../context'
import { LOCAL_EDITOR } from '../editor'
import { LakeError } from '../errors'
import { checkRequest } from '../origins'

/**
 * The Studio's presence socket: `ws://<lake>/v{version}/socket/{dataset}?tag=...`, the URL the
 * Studio builds for Sanity's "bifur" service (sanity's getBifurClient, @sanity/bifur-client).
 *
 * The protocol is JSON-RPC 2.0 text frames. The client sends `{jsonrpc, method, params, id}` and
 * waits for `{jsonrpc, id, result}`; the server may also send the text `♥` (a heartbeat the client
 * counts as "connected"). The Studio uses presence only:
 *
 * - `presence_subscribe` answers a subscription id; from then on the socket gets
 *   `{jsonrpc, method: 'presence_subscription', params: {subscription, result: event}}` for every
 *   presence event on the dataset, its own included (the Studio drops its own session's).
 *   `presence_unsubscribe` `{subscriptionId}` stops it.
 * - `presence_rollcall` `{session}` sends everyone `{type: 'rollCall', i: user, session}`; the
 *   other sessions answer by announcing.
 * - `presence_announce` `{data: {sessionId, locations}}` sends `{type: 'state', i: user, m: data}`.
 * - `presence_disconnect` `{session}` sends `{type: 'disconnect', i: user, m: {session}}`; so does a
 *   socket that closes, for each session it announced.
 *
 * The Studio throws on any other event type, so the lake sends no other. There is one user, the
 * local editor (PRESENCE_USER_ID: LOCAL_EDITOR.id of editor.ts, whom /users/me answers); presence
 * shows that editor's other tabs and windows. Other methods are answered with JSON-RPC's "method
 * not found". Frames are at most 64 KB; a socket holds at most 16 subscriptions and 16 sessions.
 */
export const PRESENCE_USER_ID = LOCAL_EDITOR.id
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024
export const HEARTBEAT = '♥'
const HEARTBEAT_MS = 30_000
const MAX_PER_SOCKET = 16
/** Open presence sockets per lake; one more upgrade is refused with a 503. */
export const MAX_SOCKETS = 256
const SOCKET_PATH = /^\/v([^/]+)\/socket\/([^/]+)$/

type PresenceEvent =
  | { type: 'rollCall'; i: string; session: string }
  | { type: 'state'; i: string; m: { sessionId: string; locations: unknown[] } }
  | { type: 'disconnect'; i: string; m: { session: string } }

type Client = {
  ws: WebSocket
  dataset: string
  /** Presence subscription ids of this socket. */
  subscriptions: Set<string>
  /** Sessions this socket announced and has not disconnected. */
  sessions: Set<string>
  alive: boolean
}

export type LakeSockets = {
  /** The http server's `upgrade` handler. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Closes every socket (the lake is closing). */
  close(): void
}

/** `isApiVersion` is the router's check of `v{version}`. */
export function createSockets(context: LakeContext, isApiVersion: (version: string) => boolean): LakeSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES, perMessageDeflate: false })
  const clients = new Set<Client>()

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.ws.terminate()
        continue
      }
      client.alive = false
      client.ws.ping()
      client.ws.send(HEARTBEAT)
    }
  }, HEARTBEAT_MS)
  heartbeat.unref()

  const broadcast = (dataset: string, event: PresenceEvent) => {
    for (const client of clients) {
      if (client.dataset !== dataset) continue
      for (const subscription of client.subscriptions) {
        send(client.ws, { jsonrpc: '2.0', method: 'presence_subscription', params: { subscription, result: event } })
      }
    }
  }

  const connected = (ws: WebSocket, dataset: string) => {
    const client: Client = { ws, dataset, subscriptions: new Set(), sessions: new Set(), alive: true }
    clients.add(client)
    ws.on('pong', () => (client.alive = true))
    ws.on('message', (data, isBinary) => {
      client.alive = true
      if (isBinary) return ws.close(1003, 'Text frames only')
      onMessage(client, data)
    })
    ws.on('error', () => ws.terminate())
    ws.on('close', () => {
      clients.delete(client)
      for (const session of client.sessions) broadcast(dataset, { type: 'disconnect', i: PRESENCE_USER_ID, m: { session } })
    })
  }

  const onMessage = (client: Client, data: RawData) => {
    let message: { jsonrpc?: unknown; method?: unknown; params?: unknown; id?: unknown }
    try {
      message = JSON.parse(rawText(data)) as typeof message
    } catch {
      return send(client.ws, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
    }
    const id = message?.id
    const validId = (typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isFinite(id))
    if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0' || typeof message.method !== 'string' || !validId) {
      return send(client.ws, { jsonrpc: '2.0', id: validId ? id : null, error: { code: -32600, message: 'Invalid request' } })
    }
    const params = (typeof message.params === 'object' && message.params !== null ? message.params : {}) as Record<string, unknown>
    const reply = (result: unknown) => send(client.ws, { jsonrpc: '2.0', id, result })
    const invalid = (why: string) => send(client.ws, { jsonrpc: '2.0', id, error: { code: -32602, message: `Invalid params: ${why}` } })

    switch (message.method) {
      case 'presence_subscribe': {
        if (client.subscriptions.size >= MAX_PER_SOCKET) return invalid(`at most ${MAX_PER_SOCKET} subscriptions per socket`)
        const subscription = randomBytes(12).toString('hex')
        client.subscriptions.add(subscription)
        return reply(subscription)
      }
      case 'presence_unsubscribe': {
        const subscription = params.subscriptionId
        return reply(typeof subscription === 'string' && client.subscriptions.delete(subscription))
      }
      case 'presence_rollcall': {
        if (!isSessionId(params.session)) return invalid('session')
        broadcast(client.dataset, { type: 'rollCall', i: PRESENCE_USER_ID, session: params.session })
        return reply(true)
      }
      case 'presence_announce': {
        const data = (params.data ?? {}) as { sessionId?: unknown; locations?: unknown }
        if (!isSessionId(data.sessionId) || !Array.isArray(data.locations)) return invalid('data.sessionId, data.locations')
        if (!client.sessions.has(data.sessionId) && client.sessions.size >= MAX_PER_SOCKET) {
          return invalid(`at most ${MAX_PER_SOCKET} sessions per socket`)
        }
        client.sessions.add(data.sessionId)
        broadcast(client.dataset, { type: 'state', i: PRESENCE_USER_ID, m: { sessionId: data.sessionId, locations: data.locations } })
        return reply(true)
      }
      case 'presence_disconnect': {
        if (!isSessionId(params.session)) return invalid('session')
        client.sessions.delete(params.session)
        broadcast(client.dataset, { type: 'disconnect', i: PRESENCE_USER_ID, m: { session: params.session } })
        return reply(true)
      }
      default:
        return send(client.ws, { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${message.method.slice(0, 64)}` } })
    }
  }

  return {
    upgrade(req, socket, head) {
      socket.on('error', () => socket.destroy())
      try {
        checkRequest(context.policy, req)
        if (!hasToken(context.token, req)) throw tokenRequired('The presence socket')
        const url = new URL(req.url ?? '/', 'http://lake.local')
        const match = SOCKET_PATH.exec(url.pathname)
        if (!match || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || req.method !== 'GET') {
          throw new LakeError(404, 'httpNotFound', `No socket at ${url.pathname}`)
        }
        if (!isApiVersion(match[1]!)) throw new LakeError(400, 'httpBadRequest', `Invalid API version "${match[1]}"`)
        const dataset = decodeURIComponent(match[2]!)
        if (!context.datasets.has(dataset)) throw new LakeError(404, 'httpNotFound', `Dataset "${dataset}" not found`)
        if (clients.size >= MAX_SOCKETS) throw new LakeError(503, 'serviceUnavailable', `At most ${MAX_SOCKETS} sockets are open at once`)
        wss.handleUpgrade(req, socket, head, (ws) => connected(ws, dataset))
      } catch (err) {
        refuse(socket, err instanceof LakeError ? err : new LakeError(400, 'httpBadRequest', (err as Error)?.message ?? 'Bad request'))
      }
    },
    close() {
      clearInterval(heartbeat)
      for (const client of clients) client.ws.terminate()
      clients.clear()
      wss.close()
    },
  }
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}

function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)
}

/** Answers a refused upgrade with the lake's error body, then drops the connection. */
function refuse(socket: Duplex, err: LakeError): void {
  const body = JSON.stringify(err.toBody())
  socket.once('finish', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
