/**
 * The listen multiplexer (lake/endpoints/mux.ts): one event stream carries many listeners, each
 * event tagged with its subscription id, so a browser page keeps one connection for all of them.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { get, type IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SanityClient } from '@sanity/client'

import { startLake, type Lake } from '@/lake'
import { DatasetStore } from '@/lake/store'

import { lakeClient } from '../helpers/lake'

const fixture = join(__dirname, '../fixtures/lake')
const origin = 'http://localhost:3000'

let dir: string
let lake: Lake
let client: SanityClient

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-mux-'))
  cpSync(fixture, dir, { recursive: true })
  lake = await startLake({ token: null, port: 0, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })
  client = lakeClient(lake.url)
})

afterEach(async () => {
  for (const channel of open.splice(0)) channel.close()
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

type SseEvent = { event: string; data: unknown }
type Channel = {
  id: string
  events: SseEvent[]
  /** Resolves with the first event (from `from` on) that matches. */
  next(match: (e: SseEvent) => boolean, from?: number): Promise<SseEvent>
  ended: Promise<void>
  close(): void
}
const open: Channel[] = []

/** GET /v1/mux read as an event stream, with the browser's Origin. */
function openChannel(headers: Record<string, string> = { origin }): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = []
    const waiters: Array<() => void> = []
    let buffer = ''
    const req = get(`${lake.url}/v1/mux`, { headers }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume()
        return reject(new Error(`status ${res.statusCode}`))
      }
      res.setEncoding('utf8')
      let done: () => void
      const ended = new Promise<void>((r) => (done = r))
      res.on('end', () => done())
      res.on('close', () => done())
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (!event || data === undefined) continue
          events.push({ event, data: JSON.parse(data) })
          if (event === 'channel') {
            const channel: Channel = {
              id: (JSON.parse(data) as { channel: string }).channel,
              events,
              next: (match, from = 0) =>
                new Promise((found, failed) => {
                  const timer = setTimeout(() => failed(new Error(`no matching event in ${JSON.stringify(events)}`)), 5000)
                  const check = () => {
                    const hit = events.slice(from).find(match)
                    if (!hit) return false
                    clearTimeout(timer)
                    found(hit)
                    return true
                  }
                  if (!check())
                    waiters.push(function retry() {
                      if (!check()) waiters.push(retry)
                    })
                }),
              ended,
              close: () => req.destroy(),
            }
            open.push(channel)
            resolve(channel)
          }
          for (const waiter of waiters.splice(0)) waiter()
        }
      })
    })
    req.on('error', reject)
  })
}

async function post(
  channel: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { error?: { type: string } } & Record<string, unknown> }> {
  const res = await fetch(`${lake.url}/v1/mux/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

const listenPath = (query: string) => `/v2025-02-19/data/listen/production?query=${encodeURIComponent(query)}&includeResult=true`
const sub = (id: string, event?: string) => (e: SseEvent) =>
  e.event === 'sub' && (e.data as { id: string }).id === id && (event === undefined || (e.data as { event: string }).event === event)

it('opens a channel named by a random UUID', async () => {
  const [a, b] = [await openChannel(), await openChannel()]
  expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  expect(b.id).not.toBe(a.id)
})

it('runs two listeners over one channel, each event tagged with its id, and closes one without the other', async () => {
  const channel = await openChannel()
  expect(await post(channel.id, { open: { id: 'topics', path: listenPath('*[_type == "topic"]') } })).toEqual({
    status: 200,
    body: { id: 'topics', opened: true },
  })
  expect((await post(channel.id, { open: { id: 'one', path: listenPath('*[_id == "topic-new"]') } })).status).toBe(200)
  await channel.next((e) => e.event === 'opened' && (e.data as { id: string }).id === 'topics')
  const welcome = await channel.next(sub('topics', 'welcome'))
  expect(JSON.parse((welcome.data as { data: string }).data)).toEqual({ listenerName: expect.any(String) })
  expect((welcome.data as { lastEventId: string }).lastEventId).toMatch(/^[0-9a-f]{12}$/)
  await channel.next(sub('one', 'welcome'))

  await client.create({ _id: 'topic-new', _type: 'topic', title: 'New' })
  for (const id of ['topics', 'one']) {
    const mutation = (await channel.next(sub(id, 'mutation'))).data as { data: string }
    expect(JSON.parse(mutation.data)).toMatchObject({ documentId: 'topic-new', transition: 'appear', result: { title: 'New' } })
  }

  expect(await post(channel.id, { close: 'topics' })).toEqual({ status: 200, body: { id: 'topics', closed: true } })
  const mark = channel.events.length
  await client.patch('topic-new').set({ title: 'Renamed' }).commit()
  await client.patch('topic-new').set({ title: 'Renamed again' }).commit()
  await channel.next((e) => sub('one', 'mutation')(e) && (e.data as { data: string }).data.includes('Renamed again'), mark)
  expect(channel.events.slice(mark).filter(sub('topics'))).toEqual([])
  expect(channel.events.slice(mark).filter(sub('one', 'mutation'))).toHaveLength(2)
})

it('forwards a failing listen request as a failure of that subscription only', async () => {
  const channel = await openChannel()
  await post(channel.id, { open: { id: 'good', path: listenPath('*[_type == "topic"]') } })
  expect((await post(channel.id, { open: { id: 'bad', path: listenPath('*[_type ==') } })).status).toBe(200)
  expect((await post(channel.id, { open: { id: 'nods', path: '/v2025-02-19/data/listen/nope?query=*' } })).status).toBe(200)
  expect((await post(channel.id, { open: { id: 'badv', path: '/v2025-02-30/data/listen/production?query=*' } })).status).toBe(200)
  const bad = await channel.next((e) => e.event === 'fail' && (e.data as { id: string }).id === 'bad')
  expect(bad.data).toMatchObject({ id: 'bad', status: 400, error: { type: 'queryParseError' } })
  expect((await channel.next((e) => e.event === 'fail' && (e.data as { id: string }).id === 'nods')).data).toMatchObject({ status: 404 })
  expect((await channel.next((e) => e.event === 'fail' && (e.data as { id: string }).id === 'badv')).data).toMatchObject({ status: 400 })

  await client.create({ _id: 'topic-after', _type: 'topic', title: 'After' })
  await channel.next(sub('good', 'mutation'))
  expect(channel.events.filter((e) => e.event === 'opened').map((e) => (e.data as { id: string }).id)).toEqual(['good'])
  // A failed id is free again.
  expect((await post(channel.id, { open: { id: 'bad', path: listenPath('*[_type == "author"]') } })).status).toBe(200)
})

it.each([
  ['a query', '/v2025-02-19/data/query/production?query=*'],
  ['a mutation', '/v2025-02-19/data/mutate/production'],
  ['the mux itself', '/v1/mux'],
  ['an absolute URL', 'http://127.0.0.1:1/v2025-02-19/data/listen/production?query=*'],
  ['a path that climbs', '/v2025-02-19/data/listen/../query/production?query=*'],
  ['a listen path whose dataset is an encoded ..', '/v2025-02-19/data/listen/%2e%2e?query=*'],
  ['a listen path with more after the dataset', '/v2025-02-19/data/listen/production/x?query=*'],
])('refuses to open %s with a 400', async (_name, path) => {
  const channel = await openChannel()
  const answer = await post(channel.id, { open: { id: 'x', path } })
  expect(answer.status).toBe(400)
  expect(answer.body.error?.type).toBe('httpBadRequest')
})

it('refuses malformed commands', async () => {
  const channel = await openChannel()
  expect((await post(channel.id, { open: { id: 'a b', path: listenPath('*') } })).status).toBe(400)
  expect((await post(channel.id, { hello: 1 })).status).toBe(400)
  expect((await post(channel.id, 'not json')).status).toBe(400)
  expect((await post(channel.id, { open: { id: 'x', path: listenPath('*') } }, { 'content-type': 'text/plain' })).status).toBe(415)
  const big = await post(channel.id, { open: { id: 'x', path: listenPath(`*[title == "${'a'.repeat(20_000)}"]`) } })
  expect(big.status).toBe(413)
  expect((await post(channel.id, { open: { id: 'x', path: listenPath('*') } })).status).toBe(200)
  expect((await post(channel.id, { open: { id: 'x', path: listenPath('*') } })).status).toBe(409)
})

it('answers 404 for an unknown channel, and for a closed one', async () => {
  expect((await post('00000000-0000-4000-8000-000000000000', { open: { id: 'a', path: listenPath('*') } })).status).toBe(404)
  const channel = await openChannel()
  expect((await post(channel.id, { open: { id: 'a', path: listenPath('*') } })).status).toBe(200)
  channel.close()
  await channel.ended
  await new Promise((r) => setTimeout(r, 50))
  expect((await post(channel.id, { open: { id: 'b', path: listenPath('*') } })).status).toBe(404)
})

it('stops every listener of a channel when its stream closes, and one on close', async () => {
  const onChange = jest.spyOn(DatasetStore.prototype, 'onChange')
  try {
    const channel = await openChannel()
    for (const id of ['a', 'b', 'c']) await post(channel.id, { open: { id, path: listenPath('*') } })
    for (const id of ['a', 'b', 'c']) await channel.next(sub(id, 'welcome'))
    expect(onChange).toHaveBeenCalledTimes(3)
    const store = onChange.mock.contexts[0] as DatasetStore
    const listening = () => (store as unknown as { listeners: Set<unknown> }).listeners.size
    const before = listening()
    await post(channel.id, { close: 'a' })
    expect(listening()).toBe(before - 1)
    channel.close()
    for (let i = 0; i < 200 && listening() > before - 3; i++) await new Promise((r) => setTimeout(r, 10))
    expect(listening()).toBe(before - 3)
  } finally {
    onChange.mockRestore()
  }
})

it('holds at most 64 subscriptions per channel (429 past it)', async () => {
  const channel = await openChannel()
  for (let i = 0; i < 64; i++)
    expect((await post(channel.id, { open: { id: `s${i}`, path: listenPath('*[_id == "x"]') } })).status).toBe(200)
  const answer = await post(channel.id, { open: { id: 's64', path: listenPath('*') } })
  expect(answer.status).toBe(429)
  // Closing one makes room.
  await post(channel.id, { close: 's0' })
  expect((await post(channel.id, { open: { id: 's64', path: listenPath('*') } })).status).toBe(200)
})

it('refuses a foreign Origin (403) and a foreign Host (421) on both routes', async () => {
  await expect(openChannel({ origin: 'http://evil.example' })).rejects.toThrow('status 403')
  await expect(openChannel({ host: 'evil.example' })).rejects.toThrow('status 421')
  const channel = await openChannel()
  const answer = await post(channel.id, { open: { id: 'a', path: listenPath('*') } }, { origin: 'http://evil.example' })
  expect(answer.status).toBe(403)
  expect(channel.events.filter((e) => e.event !== 'channel')).toEqual([])
  // Server-side clients (no Origin) pass, as for every lake route.
  expect((await openChannel({})).id).toEqual(expect.any(String))
})

it('ends the subscriptions with the lake, and the channel stream with them', async () => {
  const channel = await openChannel()
  await post(channel.id, { open: { id: 'a', path: listenPath('*') } })
  await channel.next(sub('a', 'welcome'))
  await lake.close()
  await channel.ended
  lake = await startLake({ token: null, port: 0, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })
})
