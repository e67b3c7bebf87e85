/**
 * The page's shared listen connection (sanity/lake-event-source.ts) against a real lake, with the
 * real @sanity/client: in Node the client uses `globalThis.EventSource` as it would in a browser
 * (no token, no headers), and the "native" EventSource under the shim is the `eventsource`
 * polyfill. Also through the site's /lake proxy, as the Studio reaches the lake.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SanityClient } from '@sanity/client'
import { firstValueFrom, type Observable, type Subscription } from 'rxjs'
import { filter, take } from 'rxjs/operators'

import { startLake, type Lake } from '@/lake'
import { installLakeEventSource } from '@/sanity/lake-event-source'
import { LAKE_PREFIX, proxyToLake } from '@/server/lake-proxy'

import { lakeClient } from '../helpers/lake'

// The polyfill @sanity/client itself uses in Node (a dependency of @sanity/eventsource); it has no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NodeEventSource = require('eventsource') as typeof EventSource

const fixture = join(__dirname, '../fixtures/lake')
const g = globalThis as { EventSource?: unknown; window?: unknown }

let dir: string
let lake: Lake
let client: SanityClient
/** Every native EventSource made while a test runs. */
let natives: EventSource[]
const subscriptions: Subscription[] = []

class CountingEventSource extends NodeEventSource {
  constructor(url: string | URL, init?: EventSourceInit) {
    super(url, init)
    natives.push(this)
  }
}

const startOn = (port = 0) =>
  startLake({ token: null, port, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-event-source-'))
  cpSync(fixture, dir, { recursive: true })
  lake = await startOn()
  client = lakeClient(lake.url)
  natives = []
  g.EventSource = CountingEventSource
  g.window = globalThis
})

afterEach(async () => {
  for (const s of subscriptions.splice(0)) s.unsubscribe()
  delete g.EventSource
  delete g.window
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

type ListenEvent = { type: string; documentId?: string; result?: { title?: string } }

/** client.listen with the events the Studio asks for; every event is kept. */
function listen(
  query: string,
  c = client,
): { events: ListenEvent[]; errors: Error[]; next(match: (e: ListenEvent) => boolean): Promise<ListenEvent> } {
  const events: ListenEvent[] = []
  const errors: Error[] = []
  const waiters = new Set<() => void>()
  const source = c.listen(query, {}, { events: ['welcome', 'mutation', 'reconnect'], includeResult: true }) as Observable<ListenEvent>
  subscriptions.push(
    source.subscribe({
      next: (e) => {
        events.push(e)
        for (const w of [...waiters]) w()
      },
      error: (err: Error) => {
        errors.push(err)
        for (const w of [...waiters]) w()
      },
    }),
  )
  return {
    events,
    errors,
    next: (match) => {
      const from = events.length
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out; events ${JSON.stringify(events)}`)), 8000)
        const check = () => {
          const hit = events.slice(from).find(match)
          if (!hit) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(hit)
        }
        waiters.add(check)
      })
    },
  }
}

const muxes = () => natives.filter((es) => new URL(es.url).pathname.endsWith('/v1/mux'))
const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!ok()) throw new Error(`timed out waiting for ${what}`)
}

it('does nothing outside a browser', () => {
  delete g.window
  installLakeEventSource(lake.url)
  expect(g.EventSource).toBe(CountingEventSource)
})

it('is installed once however often it is called', () => {
  installLakeEventSource(lake.url)
  const installed = g.EventSource
  installLakeEventSource(lake.url)
  installLakeEventSource(`${lake.url}/`)
  expect(g.EventSource).toBe(installed)
  expect(g.EventSource).not.toBe(CountingEventSource)
})

it('runs every listener of the page over one connection, welcome and mutations included', async () => {
  installLakeEventSource(lake.url)
  const topics = listen('*[_type == "topic"]')
  const one = listen('*[_id == "topic-new"]')
  const authors = listen('*[_type == "author"]')
  await topics.next((e) => e.type === 'welcome')
  await until(() => one.events.some((e) => e.type === 'welcome') && authors.events.some((e) => e.type === 'welcome'), 'welcomes')

  await client.create({ _id: 'topic-new', _type: 'topic', title: 'New' })
  for (const l of [topics, one]) {
    await until(() => l.events.some((e) => e.type === 'mutation'), 'mutation')
    expect(l.events.find((e) => e.type === 'mutation')).toMatchObject({ documentId: 'topic-new', result: { title: 'New' } })
  }
  expect(authors.events.filter((e) => e.type === 'mutation')).toEqual([])
  expect(natives).toHaveLength(1)
  expect(muxes()).toHaveLength(1)

  // The connection closes with the last listener, and opens again for the next.
  for (const s of subscriptions.splice(0)) s.unsubscribe()
  await until(() => natives[0]!.readyState === 2, 'the mux to close')
  const again = listen('*[_type == "topic"]')
  await again.next((e) => e.type === 'welcome')
  expect(muxes()).toHaveLength(2)
})

it('emulates the EventSource interface for a listen URL, and leaves other URLs native', async () => {
  installLakeEventSource(lake.url)
  const ES = g.EventSource as typeof EventSource
  expect([ES.CONNECTING, ES.OPEN, ES.CLOSED]).toEqual([0, 1, 2])
  const url = `${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_type == "topic"]')}`
  const es = new ES(url)
  expect(es).toBeInstanceOf(ES)
  expect([es.url, es.withCredentials, es.readyState, es.CONNECTING, es.OPEN, es.CLOSED]).toEqual([url, false, 0, 0, 1, 2])
  const seen: string[] = []
  es.onopen = () => seen.push(`open ${es.readyState}`)
  es.onmessage = () => seen.push('unnamed message')
  const welcome = new Promise<MessageEvent>((resolve) => es.addEventListener('welcome', (e) => resolve(e as MessageEvent)))
  const w = await welcome
  expect(seen).toEqual(['open 1'])
  expect(w.type).toBe('welcome')
  expect(JSON.parse(w.data as string)).toEqual({ listenerName: expect.any(String) })
  expect(w.lastEventId).toMatch(/^[0-9a-f]{12}$/)

  const mutation = new Promise<MessageEvent>((resolve) => {
    const handler = (e: Event) => {
      es.removeEventListener('mutation', handler)
      resolve(e as MessageEvent)
    }
    es.addEventListener('mutation', handler)
  })
  await client.create({ _id: 'topic-direct', _type: 'topic', title: 'Direct' })
  expect(JSON.parse((await mutation).data as string)).toMatchObject({ documentId: 'topic-direct', transition: 'appear' })
  es.close()
  expect(es.readyState).toBe(2)

  // Another URL (here the lake's query endpoint, and another host) is the native EventSource.
  const other = new ES(`${lake.url}/v2025-02-19/data/query/production?query=*`)
  const elsewhere = new ES('http://127.0.0.1:1/v1/data/listen/production?query=*')
  expect(other).toBeInstanceOf(NodeEventSource)
  expect(elsewhere).toBeInstanceOf(NodeEventSource)
  other.close()
  elsewhere.close()
})

it('closes only a listener the lake refuses, with its status, as @sanity/client sees it', async () => {
  installLakeEventSource(lake.url)
  const good = listen('*[_type == "topic"]')
  const bad = listen('*[_type ==')
  await good.next((e) => e.type === 'welcome')
  await until(() => bad.errors.length > 0, 'the bad listener to fail')
  expect(bad.errors[0]).toMatchObject({ name: 'ConnectionFailedError', status: 400 })

  await client.create({ _id: 'topic-after', _type: 'topic', title: 'After' })
  await good.next((e) => e.type === 'mutation')
  expect(good.errors).toEqual([])
  expect(muxes()).toHaveLength(1)
})

it('reconnects when the connection drops: error then open for each listener, which are opened again', async () => {
  installLakeEventSource(lake.url)
  const topics = listen('*[_type == "topic"]')
  const authors = listen('*[_type == "author"]')
  await topics.next((e) => e.type === 'welcome')
  await until(() => authors.events.some((e) => e.type === 'welcome'), 'welcome')

  // The lake restarts on the same port: the channel ends with it.
  const port = lake.port
  const reconnects = Promise.all([topics.next((e) => e.type === 'reconnect'), authors.next((e) => e.type === 'reconnect')])
  const welcomes = Promise.all([topics.next((e) => e.type === 'welcome'), authors.next((e) => e.type === 'welcome')])
  await lake.close()
  await reconnects
  lake = await startOn(port)
  await welcomes

  await client.create({ _id: 'author-new', _type: 'author', name: 'New' })
  const m = await authors.next((e) => e.type === 'mutation')
  expect(m).toMatchObject({ documentId: 'author-new' })
  expect([...topics.errors, ...authors.errors]).toEqual([])
  expect(muxes()).toHaveLength(2)
  expect(muxes()[0]!.readyState).toBe(2)
})

it('tells an emulated EventSource about a drop as a native reconnect does: error (CONNECTING), then open', async () => {
  installLakeEventSource(lake.url)
  const ES = g.EventSource as typeof EventSource
  const es = new ES(`${lake.url}/v2025-02-19/data/listen/production?query=*`)
  const seen: string[] = []
  es.onopen = () => seen.push(`open ${es.readyState}`)
  es.onerror = (e) => seen.push(`error ${es.readyState} ${'status' in e ? 'with status' : 'no status'}`)
  es.addEventListener('welcome', () => seen.push('welcome'))
  await until(() => seen.includes('welcome'), 'welcome')
  const port = lake.port
  await lake.close()
  await until(() => seen.length > 2, 'error')
  lake = await startOn(port)
  await until(() => seen.filter((s) => s === 'welcome').length === 2, 'a second welcome')
  es.close()
  // The first retry may come before the lake is back: each failed attempt is one more error, still CONNECTING.
  expect(seen[0]).toBe('open 1')
  expect(seen[1]).toBe('welcome')
  expect(new Set(seen.slice(2, -2))).toEqual(new Set(['error 0 no status']))
  expect(seen.slice(-2)).toEqual(['open 1', 'welcome'])
  expect(es.readyState).toBe(2)
})

it('works through the site proxy at /lake, as the Studio uses it', async () => {
  const site: Server = createServer((req, res) => proxyToLake(req, res, { lakeUrl: lake.url, token: 'the-test-lake-trusts-every-request' }))
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  try {
    const siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`
    installLakeEventSource(`${siteUrl}${LAKE_PREFIX}`)
    const studio = lakeClient(`${siteUrl}${LAKE_PREFIX}`)
    const listeners = Array.from({ length: 8 }, (_, i) => listen(i % 2 ? '*[_type == "topic"]' : '*[_type == "author"]', studio))
    await until(() => listeners.every((l) => l.events.some((e) => e.type === 'welcome')), 'eight welcomes')
    await studio.create({ _id: 'topic-proxied', _type: 'topic', title: 'Proxied' })
    await until(() => listeners.filter((l) => l.events.some((e) => e.type === 'mutation')).length === 4, 'four mutations')
    expect(natives).toHaveLength(1)
    expect(new URL(natives[0]!.url).pathname).toBe('/lake/v1/mux')
    expect(await firstValueFrom(studio.observable.fetch('count(*[_id == "topic-proxied"])').pipe(filter(Boolean), take(1)))).toBe(1)
  } finally {
    for (const s of subscriptions.splice(0)) s.unsubscribe()
    site.closeAllConnections()
    await new Promise((resolve) => site.close(resolve))
  }
})
