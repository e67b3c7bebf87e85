/**
 * The Studio's presence socket on the lake (lake/endpoints/socket.ts): the JSON-RPC that
 * @sanity/bifur-client speaks, presence between two sessions of the local editor, and the lake's
 * Host and Origin checks on the upgrade.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { fromUrl } from '@sanity/bifur-client'
import { firstValueFrom, type Observable } from 'rxjs'
import { filter, take, toArray } from 'rxjs/operators'
import WebSocket from 'ws'

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { startLake, type Lake } from '@/lake'
import { LAKE_PREFIX, proxyUpgradeToLake } from '@/server/lake-proxy'

const fixture = join(__dirname, '../fixtures/lake')
const origin = 'http://localhost:3000'

let dir: string
let lake: Lake
const sockets: WebSocket[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-socket-'))
  cpSync(fixture, dir, { recursive: true })
  lake = await startLake({ token: null, port: 0, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })
})

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The URL the Studio builds: getBifurClient in sanity, apiVersion 2022-06-30. */
const socketUrl = (dataset = 'production') => `${lake.url.replace(/^http/, 'ws')}/v2022-06-30/socket/${dataset}?tag=sanity.studio`

type Message = {
  jsonrpc: string
  id?: string
  result?: unknown
  error?: { code: number }
  method?: string
  params?: Record<string, unknown>
}

function connect(url = socketUrl(), headers: Record<string, string> = { origin }): Promise<{ ws: WebSocket; messages: Message[] }> {
  const ws = new WebSocket(url, { headers })
  sockets.push(ws)
  const messages: Message[] = []
  // The heartbeat (every 30 s) is the one message that is not JSON.
  ws.on('message', (data) => String(data) !== '♥' && messages.push(JSON.parse(String(data)) as Message))
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find()
    if (found !== undefined) return found
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('timed out')
}

function call(socket: { ws: WebSocket; messages: Message[] }, method: string, params: object, id: string): Promise<Message> {
  socket.ws.send(JSON.stringify({ jsonrpc: '2.0', method, params: { ...params, apiVersion: 'v1' }, id }))
  return until(() => socket.messages.find((m) => m.id === id))
}

it('answers presence_subscribe with a subscription id and sends presence events to it, its own included', async () => {
  const socket = await connect()
  const subscribed = await call(socket, 'presence_subscribe', {}, 'r1')
  expect(subscribed).toEqual({ jsonrpc: '2.0', id: 'r1', result: expect.stringMatching(/^[0-9a-f]{24}$/) })
  expect(await call(socket, 'presence_rollcall', { session: 'sessionA' }, 'r2')).toEqual({ jsonrpc: '2.0', id: 'r2', result: true })
  const event = await until(() => socket.messages.find((m) => m.method === 'presence_subscription'))
  expect(event).toEqual({
    jsonrpc: '2.0',
    method: 'presence_subscription',
    params: { subscription: subscribed.result, result: { type: 'rollCall', i: 'local-editor', session: 'sessionA' } },
  })
})

it('carries presence between two sessions as the Studio uses it (bifur-client)', async () => {
  // The Studio's own client over Node's WebSocket: the same calls, replies and events.
  const g = globalThis as { WebSocket?: unknown }
  const previous = g.WebSocket
  g.WebSocket = class extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { origin } })
    }
  }
  try {
    const [a, b] = [fromUrl(socketUrl()), fromUrl(socketUrl())]
    const bEvents = firstValueFrom(
      (b.listen('presence') as Observable<{ type: string; i: string; m?: unknown }>).pipe(
        filter((e) => e.type === 'state'),
        take(1),
        toArray(),
      ),
    )
    const aEvents: unknown[] = []
    const aSub = a.listen('presence').subscribe((e) => aEvents.push(e))
    await new Promise((r) => setTimeout(r, 200))
    const locations = [{ type: 'document', documentId: 'topic-leadership', path: ['title'], lastActiveAt: new Date().toISOString() }]
    expect(await firstValueFrom(a.request('presence_announce', { data: { sessionId: 'sessionA', locations } }))).toBe(true)
    expect(await bEvents).toEqual([{ type: 'state', i: 'local-editor', m: { sessionId: 'sessionA', locations } }])
    await until(() => (aEvents.length ? aEvents : undefined))
    aSub.unsubscribe()
    // The heartbeats stream says "connected" as soon as the socket is open.
    expect(await firstValueFrom(b.heartbeats)).toBeInstanceOf(Date)
  } finally {
    g.WebSocket = previous
  }
})

it('tells the others when a session disconnects, or its socket closes', async () => {
  const [a, b] = [await connect(), await connect()]
  const sub = (await call(b, 'presence_subscribe', {}, 's')).result
  await call(a, 'presence_announce', { data: { sessionId: 'sessionA', locations: [] } }, 'x1')
  await call(a, 'presence_disconnect', { session: 'sessionA' }, 'x2')
  await until(() => b.messages.find((m) => (m.params?.result as { type?: string })?.type === 'disconnect'))
  await call(a, 'presence_announce', { data: { sessionId: 'sessionB', locations: [] } }, 'x3')
  a.ws.close()
  const gone = await until(() =>
    b.messages.find(
      (m) => JSON.stringify(m.params?.result) === JSON.stringify({ type: 'disconnect', i: 'local-editor', m: { session: 'sessionB' } }),
    ),
  )
  expect(gone.params?.subscription).toBe(sub)
  // An unsubscribed socket gets nothing more.
  await call(b, 'presence_unsubscribe', { subscriptionId: sub }, 'u')
  const count = b.messages.length
  const c = await connect()
  await call(c, 'presence_rollcall', { session: 'sessionC' }, 'c1')
  await new Promise((r) => setTimeout(r, 100))
  expect(b.messages.length).toBe(count)
})

it('answers bad calls with JSON-RPC errors and keeps the socket', async () => {
  const socket = await connect()
  expect((await call(socket, 'mutate', {}, 'm')).error?.code).toBe(-32601)
  expect((await call(socket, 'presence_announce', { data: { sessionId: '../x', locations: [] } }, 'p')).error?.code).toBe(-32602)
  socket.ws.send('not json')
  await until(() => socket.messages.find((m) => m.error?.code === -32700))
  expect(socket.ws.readyState).toBe(WebSocket.OPEN)
})

it('closes a socket that sends a frame over 64 KB', async () => {
  const socket = await connect()
  const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)))
  socket.ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'presence_rollcall', params: { pad: 'x'.repeat(70_000) }, id: 'big' }))
  expect(await closed).toBe(1009)
})

it.each([
  ['a foreign Origin', socketUrl, { origin: 'http://evil.example' }, 'status 403'],
  ['Origin null', socketUrl, { origin: 'null' }, 'status 403'],
  ['a foreign Host', socketUrl, { origin, host: 'evil.example' }, 'status 421'],
  ['an unknown dataset', () => socketUrl('nope'), { origin }, 'status 404'],
  ['another path', () => `${lake.url.replace(/^http/, 'ws')}/v1/data/listen/production`, { origin }, 'status 404'],
  ['a bad API version', () => socketUrl().replace('2022-06-30', '2022-02-30'), { origin }, 'status 400'],
])('refuses the upgrade for %s', async (_name, url, headers, error) => {
  await expect(connect(url(), headers)).rejects.toThrow(error)
})

it('works through the site proxy at /lake, as the Studio reaches it', async () => {
  const site = createServer((_req, res) => res.end())
  site.on('upgrade', (req, socket, head) =>
    proxyUpgradeToLake(req, socket, head, { lakeUrl: lake.url, token: 'the-test-lake-trusts-every-request' }),
  )
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  try {
    const siteUrl = `ws://localhost:${(site.address() as AddressInfo).port}`
    const url = `${siteUrl}${LAKE_PREFIX}/v2022-06-30/socket/production?tag=sanity.studio`
    const socket = await connect(url, { origin: siteUrl.replace(/^ws/, 'http') })
    expect((await call(socket, 'presence_subscribe', {}, 'p1')).result).toEqual(expect.any(String))
    await call(socket, 'presence_rollcall', { session: 'sessionP' }, 'p2')
    await until(() => socket.messages.find((m) => m.method === 'presence_subscription'))
    await expect(connect(url, { origin: 'http://evil.example' })).rejects.toThrow('status 403')
  } finally {
    // An upgraded connection keeps the site server from closing.
    for (const ws of sockets.splice(0)) ws.terminate()
    site.closeAllConnections()
    await new Promise((resolve) => site.close(resolve))
  }
})

it('closes its sockets when the lake closes', async () => {
  const socket = await connect()
  const closed = new Promise<void>((resolve) => socket.ws.once('close', () => resolve()))
  await lake.close()
  await closed
  lake = await startLake({ token: null, port: 0, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })
})
