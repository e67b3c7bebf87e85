/**
 * The lake's GROQ-powered webhooks (lake/webhooks.ts), driven by the real @sanity/client: what
 * fires (one signed delivery per changed published document, with its projection) and what does
 * not (drafts, an unchanged projection), retries with the same idempotency key, and that a write
 * never waits for its webhook.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SanityClient } from '@sanity/client'
import { isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook'

import { startLake, webhooksFromEnv, type Lake, type WebhookDefinition } from '@/lake'

import { lakeClient } from '../helpers/lake'

const SECRET = 'lake-webhook-test-secret-0123'

type Delivery = { headers: IncomingHttpHeaders; body: string; at: number }

/** A local receiver: records every request, answers with `respond` (default 200). */
let receiver: Server
let receiverUrl: string
let deliveries: Delivery[]
let respond: (res: ServerResponse, delivery: Delivery) => void
let waiters: Array<() => void>

let dir: string
let lake: Lake | undefined
let client: SanityClient
let logged: string[]

const docs = [
  { _id: 'a1', _type: 'article', title: 'First', slug: { _type: 'slug', current: 'first' }, body: 'one' },
  { _id: 'a2', _type: 'article', title: 'Second', slug: { _type: 'slug', current: 'second' }, body: 'two' },
  { _id: 'p1', _type: 'author', name: 'Ada', slug: { _type: 'slug', current: 'ada' } },
]

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const delivery = { headers: req.headers, body, at: Date.now() }
      deliveries.push(delivery)
      for (const wake of waiters.splice(0)) wake()
      respond(res, delivery)
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})

afterAll(async () => {
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
})

beforeEach(() => {
  deliveries = []
  waiters = []
  logged = []
  respond = (res) => res.end('{}')
  dir = mkdtempSync(join(tmpdir(), 'lake-webhooks-'))
  writeFileSync(join(dir, 'data.ndjson'), docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n')
})

afterEach(async () => {
  await lake?.close()
  lake = undefined
  rmSync(dir, { recursive: true, force: true })
})

async function start(webhook: Partial<WebhookDefinition> = {}) {
  const hook: WebhookDefinition = { url: receiverUrl, secret: SECRET, ...webhook }
  lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: join(dir, 'data.ndjson') },
    watch: false,
    queryWorkers: 1,
    log: (message) => logged.push(message),
    webhooks: [hook],
  })
  client = lakeClient(lake.url)
}

/** Resolves once the receiver holds `count` deliveries; fails after `ms`. */
async function received(count: number, ms = 5000): Promise<Delivery[]> {
  const deadline = Date.now() + ms
  while (deliveries.length < count) {
    const left = deadline - Date.now()
    if (left <= 0) throw new Error(`expected ${count} deliveries, got ${deliveries.length}`)
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left)
      waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
  return deliveries
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const json = (delivery: Delivery) => JSON.parse(delivery.body) as Record<string, unknown>

describe('lake webhooks', () => {
  it('a transaction sends one signed delivery per changed document, with the projection', async () => {
    await start({ projection: '{_id, _type, title, "slug": slug.current}' })
    const result = await client
      .transaction()
      .patch('a1', { set: { title: 'First, again' } })
      .patch('a2', { set: { title: 'Second, again' } })
      .commit()

    const got = await received(2)
    await pause(300)
    expect(deliveries).toHaveLength(2)
    const byId = new Map(got.map((d) => [d.headers['sanity-document-id'], d]))
    expect(json(byId.get('a1')!)).toEqual({ _id: 'a1', _type: 'article', title: 'First, again', slug: 'first' })
    expect(json(byId.get('a2')!)).toEqual({ _id: 'a2', _type: 'article', title: 'Second, again', slug: 'second' })
    for (const delivery of got) {
      expect(delivery.headers['content-type']).toBe('application/json')
      expect(delivery.headers['sanity-operation']).toBe('update')
      expect(delivery.headers['sanity-transaction-id']).toBe(result.transactionId)
      const key = delivery.headers['idempotency-key'] as string
      expect(key).toContain(result.transactionId)
      expect(key.length).toBeLessThanOrEqual(200)
      const signature = delivery.headers[SIGNATURE_HEADER_NAME] as string
      expect(await isValidSignature(delivery.body, signature, SECRET)).toBe(true)
      expect(await isValidSignature(delivery.body, signature, 'some-other-secret-000')).toBe(false)
    }
    expect(byId.get('a1')!.headers['idempotency-key']).not.toBe(byId.get('a2')!.headers['idempotency-key'])
  })

  it('the default projection is the whole document, and a create says create', async () => {
    await start()
    await client.create({ _id: 'a3', _type: 'article', title: 'Third' })
    const [delivery] = await received(1)
    expect(delivery!.headers['sanity-operation']).toBe('create')
    expect(json(delivery!)).toMatchObject({ _id: 'a3', _type: 'article', title: 'Third', _rev: expect.any(String) })
  })

  it('a draft write fires nothing; the published write after it fires', async () => {
    await start({ projection: '{_id, title}' })
    await client.createOrReplace({ _id: 'drafts.a1', _type: 'article', title: 'Draft title' })
    await client.patch('a2').set({ title: 'Published title' }).commit()
    await received(1)
    await pause(300)
    expect(deliveries.map(json)).toEqual([{ _id: 'a2', title: 'Published title' }])
  })

  it('with includeDrafts a draft write fires', async () => {
    await start({ projection: '{_id, title}', includeDrafts: true })
    await client.createOrReplace({ _id: 'drafts.a1', _type: 'article', title: 'Draft title' })
    const [delivery] = await received(1)
    expect(json(delivery!)).toEqual({ _id: 'drafts.a1', title: 'Draft title' })
  })

  it('a change that leaves the projection as it was fires nothing', async () => {
    await start({ projection: '{_id, title}' })
    await client.patch('a1').set({ body: 'changed, but not projected' }).commit()
    await client.patch('a1').set({ title: 'Projected' }).commit()
    await received(1)
    await pause(300)
    expect(deliveries.map(json)).toEqual([{ _id: 'a1', title: 'Projected' }])
  })

  it('the filter picks the documents, before() and after() see both sides of the change', async () => {
    await start({
      filter: '_type == "article"',
      projection: '{_id, "slug": after().slug.current, "previousSlug": before().slug.current}',
    })
    await client.patch('p1').set({ name: 'Ada L.' }).commit()
    await client
      .patch('a1')
      .set({ slug: { _type: 'slug', current: 'first-renamed' } })
      .commit()
    await received(1)
    await pause(300)
    expect(deliveries.map(json)).toEqual([{ _id: 'a1', slug: 'first-renamed', previousSlug: 'first' }])
  })

  it('a delete fires with operation delete and the projection of the document as it was', async () => {
    await start({ projection: '{_id, _type, "slug": slug.current, "op": delta::operation()}' })
    await client.delete('a2')
    const [delivery] = await received(1)
    expect(delivery!.headers['sanity-operation']).toBe('delete')
    expect(delivery!.headers['sanity-document-id']).toBe('a2')
    expect(json(delivery!)).toEqual({ _id: 'a2', _type: 'article', slug: 'second', op: 'delete' })
  })

  it('on limits the operations that fire', async () => {
    await start({ projection: '{_id}', on: ['delete'] })
    await client.patch('a1').set({ title: 'Not sent' }).commit()
    await client.delete('a2')
    await received(1)
    await pause(300)
    expect(deliveries.map((d) => d.headers['sanity-operation'])).toEqual(['delete'])
  })

  it('503 twice then 200: three deliveries with the same idempotency key, spaced by the backoff, then none', async () => {
    let answered = 0
    respond = (res) => {
      answered += 1
      res.statusCode = answered <= 2 ? 503 : 200
      res.end()
    }
    await start({ projection: '{_id, title}' })
    await client.patch('a1').set({ title: 'Retried' }).commit()
    const got = await received(3, 10_000)
    await pause(1500)
    expect(deliveries).toHaveLength(3)
    expect(new Set(got.map((d) => d.headers['idempotency-key'])).size).toBe(1)
    expect(got.map((d) => d.body)).toEqual(Array(3).fill(JSON.stringify({ _id: 'a1', title: 'Retried' })))
    // 0.5 s, then 1 s.
    expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(450)
    expect(got[2]!.at - got[1]!.at).toBeGreaterThanOrEqual(950)
    for (const delivery of got) {
      expect(await isValidSignature(delivery.body, delivery.headers[SIGNATURE_HEADER_NAME] as string, SECRET)).toBe(true)
    }
  })

  it('a 400 is not retried', async () => {
    respond = (res) => {
      res.statusCode = 400
      res.end()
    }
    await start({ projection: '{_id, title}' })
    await client.patch('a1').set({ title: 'Refused' }).commit()
    await received(1)
    await pause(1200)
    expect(deliveries).toHaveLength(1)
    expect(logged.join('\n')).toMatch(/answered 400; not retried/)
  })

  it('a receiver that never answers does not hold up the write, and closing the lake stops the delivery', async () => {
    const hanging: ServerResponse[] = []
    respond = (res) => hanging.push(res)
    await start({ projection: '{_id, title}' })
    const started = Date.now()
    await client.patch('a1').set({ title: 'Fast' }).commit()
    expect(Date.now() - started).toBeLessThan(2000)
    await received(1)
    // The next transaction's delivery waits behind the hanging one (in order), and the write still returns.
    const second = Date.now()
    await client.patch('a2').set({ title: 'Also fast' }).commit()
    expect(Date.now() - second).toBeLessThan(2000)
    await lake!.close()
    lake = undefined
    await pause(300)
    expect(deliveries).toHaveLength(1)
    for (const res of hanging) res.end()
  })

  it('deliveries of one webhook arrive in commit order', async () => {
    await start({ projection: '{_id, title}' })
    for (const n of [1, 2, 3, 4])
      await client
        .patch('a1')
        .set({ title: `Title ${n}` })
        .commit()
    const got = await received(4)
    expect(got.map((d) => json(d).title)).toEqual(['Title 1', 'Title 2', 'Title 3', 'Title 4'])
  })

  it('LAKE_WEBHOOKS is a JSON array of definitions', () => {
    expect(webhooksFromEnv(undefined)).toEqual([])
    expect(webhooksFromEnv(' ')).toEqual([])
    expect(webhooksFromEnv('[{"url": "http://127.0.0.1:1/x", "filter": "_type == \\"a\\""}]')).toEqual([
      { url: 'http://127.0.0.1:1/x', filter: '_type == "a"' },
    ])
    expect(() => webhooksFromEnv('{"url": "http://127.0.0.1:1/x"}')).toThrow(/JSON array/)
    expect(() => webhooksFromEnv('[{url}]')).toThrow(/not JSON/)
  })

  it('a malformed webhook stops the lake from starting', async () => {
    await expect(start({ filter: '_type ==' })).rejects.toThrow(/filter does not parse/)
    await expect(start({ url: 'ftp://example.com/' })).rejects.toThrow(/http or https/)
  })
})
