/**
 * Fixes from a security review of the lake: each test here fails without its fix.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import WebSocket from 'ws'

import { startLake, type Lake } from '@/lake'
import { MAX_ASSET_BYTES } from '@/lake/endpoints/assets'
import { MAX_CHANNELS } from '@/lake/endpoints/mux'
import { MAX_PENDING_DELIVERIES } from '@/lake/webhooks'

const fixture = join(__dirname, '../fixtures/lake')
const site = 'http://127.0.0.1:3000'

let dir: string
let lake: Lake
let logged: string[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-hardening-'))
  cpSync(fixture, dir, { recursive: true })
  logged = []
  lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: join(dir, 'data.ndjson') },
    allowedOrigins: [site],
    watch: false,
    log: (line) => logged.push(line),
  })
}, 60_000)

afterAll(async () => {
  await lake?.close()
  rmSync(dir, { recursive: true, force: true })
})

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A request with exactly these headers (fetch would add or refuse some). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${lake.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

const json = (value: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(value) })

function post(path: string, value: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const { body, ...type } = json(value)
  return raw('POST', path, { ...type, ...headers }, body)
}

async function getDoc(id: string): Promise<unknown[]> {
  const answer = await raw('GET', `/v2025-02-19/data/doc/production/${id}`)
  return (JSON.parse(answer.body) as { documents: unknown[] }).documents
}

describe('Sec-Fetch-Site without an allowed Origin', () => {
  it.each(['cross-site', 'same-site'])('refuses a %s GET and POST and does nothing', async (fetchSite) => {
    const read = await raw('GET', '/v2025-02-19/data/query/production?query=*[_id=="siteSettings"]', { 'sec-fetch-site': fetchSite })
    expect(read.status).toBe(403)
    expect(JSON.parse(read.body)).toMatchObject({ error: { type: 'httpForbidden' } })
    const id = `hostile-${fetchSite}`
    const write = await post(
      '/v2025-02-19/data/mutate/production',
      { mutations: [{ create: { _id: id, _type: 'note' } }] },
      { 'sec-fetch-site': fetchSite },
    )
    expect(write.status).toBe(403)
    expect(await getDoc(id)).toEqual([])
  })

  it('still serves same-origin, none, no header, and an allowed Origin cross-site', async () => {
    const path = '/v2025-02-19/data/query/production?query=count(*)'
    const cases: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
      { 'sec-fetch-site': 'cross-site', origin: site },
    ]
    for (const headers of cases) {
      expect((await raw('GET', path, headers)).status).toBe(200)
    }
  })

  it('refuses the WebSocket upgrade too', async () => {
    const url = `${lake.url.replace(/^http/, 'ws')}/v2022-06-30/socket/production?tag=sanity.studio`
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { 'sec-fetch-site': 'cross-site' } })
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.once('open', () => {
        ws.close()
        resolve(101)
      })
      ws.once('error', reject)
    })
    expect(status).toBe(403)
  })
})

describe('publish, unpublish and discard take exactly drafts.<publishedId>', () => {
  const actions = (...list: object[]) => post('/v2025-02-19/data/actions/production', { actions: list })
  const mutate = (...mutations: object[]) => post('/v2025-02-19/data/mutate/production', { mutations })

  it('refuses a version id as draftId with a 400 actionError, and writes nothing', async () => {
    expect(
      (
        await mutate(
          { create: { _id: 'drafts.hp-a', _type: 'note', title: 'draft' } },
          { create: { _id: 'versions.r1.hp-a', _type: 'note', title: 'version' } },
        )
      ).status,
    ).toBe(200)
    expect(
      (await mutate({ create: { _id: 'hp-b', _type: 'note', title: 'published' } }, { create: { _id: 'versions.r1.hp-b', _type: 'note' } }))
        .status,
    ).toBe(200)
    for (const action of [
      { actionType: 'sanity.action.document.publish', draftId: 'versions.r1.hp-a', publishedId: 'hp-a' },
      { actionType: 'sanity.action.document.unpublish', draftId: 'versions.r1.hp-b', publishedId: 'hp-b' },
      { actionType: 'sanity.action.document.discard', draftId: 'versions.r1.hp-a' },
      { actionType: 'sanity.action.document.publish', draftId: 'drafts.hp-b', publishedId: 'hp-a' },
    ]) {
      const answer = await actions(action)
      expect([answer.status, JSON.parse(answer.body).error?.type]).toEqual([400, 'actionError'])
    }
    expect(await getDoc('hp-a')).toEqual([])
    expect(await getDoc('versions.r1.hp-a')).toHaveLength(1)
    expect(await getDoc('hp-b')).toHaveLength(1)
    expect(await getDoc('drafts.hp-b')).toEqual([])
  })

  it('still publishes, unpublishes and discards the draft itself', async () => {
    expect((await actions({ actionType: 'sanity.action.document.publish', draftId: 'drafts.hp-a', publishedId: 'hp-a' })).status).toBe(200)
    expect(await getDoc('hp-a')).toHaveLength(1)
    expect((await actions({ actionType: 'sanity.action.document.unpublish', draftId: 'drafts.hp-a', publishedId: 'hp-a' })).status).toBe(
      200,
    )
    expect((await actions({ actionType: 'sanity.action.document.discard', draftId: 'drafts.hp-a' })).status).toBe(200)
    expect(await getDoc('drafts.hp-a')).toEqual([])
  })
})

describe('a malformed %-escape in the path', () => {
  it.each([
    '/v2025-02-19/data/query/%E0%A4%A?query=1',
    '/v2025-02-19/users/me/keyvalue/%E0%A4%A',
    '/v2025-02-19/projects/%E0%A4%A',
    '/images/local/%E0%A4%A/61262c998812f460973b5f512fec5685419969cc-4x3.png',
    '/v2025-02-19/data/doc/production/%E0%A4%A',
    '/v2025-02-19/data/history/production/documents/%E0%A4%A',
    '/v2025-02-19/data/history/production/transactions/ok,%E0%A4%A',
  ])('is a 400, not a 500: %s', async (path) => {
    const answer = await raw('GET', path)
    expect([answer.status, JSON.parse(answer.body).error?.type]).toEqual([400, 'httpBadRequest'])
  })
})

describe('the Studio keyvalue store', () => {
  const put = (pairs: unknown) => {
    const { body, ...type } = json(pairs)
    return raw('PUT', '/v2025-02-19/users/me/keyvalue', type, body)
  }
  const get = async (key: string) => JSON.parse((await raw('GET', `/v2025-02-19/users/me/keyvalue/${key}`)).body) as unknown

  it('refuses a value over 16 KB of JSON with a 413 and keeps nothing of that PUT', async () => {
    const answer = await put([
      { key: 'kv-small', value: 1 },
      { key: 'kv-big', value: 'x'.repeat(17 * 1024) },
    ])
    expect(answer.status).toBe(413)
    expect(await get('kv-small,kv-big')).toEqual([
      { key: 'kv-small', value: null },
      { key: 'kv-big', value: null },
    ])
    expect((await put([{ key: 'kv-fits', value: 'x'.repeat(15 * 1024) }])).status).toBe(200)
  })

  it('keeps at most 1,000 keys: more is a 413, and existing keys can still change', async () => {
    const have = 1 // kv-fits
    const fill = Array.from({ length: 1000 - have }, (_, i) => ({ key: `kv-${i}`, value: i }))
    expect((await put(fill)).status).toBe(200)
    expect((await put([{ key: 'kv-one-too-many', value: true }])).status).toBe(413)
    expect(await get('kv-one-too-many')).toEqual([{ key: 'kv-one-too-many', value: null }])
    expect((await put([{ key: 'kv-0', value: 'changed' }])).status).toBe(200)
    expect(await get('kv-0')).toEqual([{ key: 'kv-0', value: 'changed' }])
  })
})

describe('a webhook whose receiver falls behind', () => {
  it(`keeps at most ${MAX_PENDING_DELIVERIES} pending deliveries, dropping the oldest with one warning`, async () => {
    const received: string[] = []
    const receiver = createServer((req, res) => {
      received.push(String(req.headers['sanity-document-id']))
      req.resume()
      req.on('end', () => res.end())
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hookDir = mkdtempSync(join(tmpdir(), 'lake-hardening-hook-'))
    cpSync(fixture, hookDir, { recursive: true })
    const lines: string[] = []
    const hooked = await startLake({
      token: null,
      port: 0,
      datasets: { production: join(hookDir, 'data.ndjson') },
      watch: false,
      log: (line) => lines.push(line),
      webhooks: [{ name: 'slow', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` }],
    })
    try {
      const count = MAX_PENDING_DELIVERIES + 100
      const mutations = Array.from({ length: count }, (_, i) => ({ create: { _id: `wh-${i}`, _type: 'note' } }))
      const answer = await fetch(`${hooked.url}/v2025-02-19/data/mutate/production`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mutations }),
      })
      expect(answer.status).toBe(200)
      for (let i = 0; i < 600 && received.length < MAX_PENDING_DELIVERIES; i++) await new Promise((r) => setTimeout(r, 50))
      await new Promise((r) => setTimeout(r, 300))
      expect(received).toHaveLength(MAX_PENDING_DELIVERIES)
      expect(received[0]).toBe('wh-100')
      expect(received.at(-1)).toBe(`wh-${count - 1}`)
      expect(lines.filter((line) => line.includes('dropping the oldest'))).toHaveLength(1)
    } finally {
      await hooked.close()
      receiver.closeAllConnections()
      await new Promise((resolve) => receiver.close(resolve))
      rmSync(hookDir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('an image upload that decodes to too many pixels', () => {
  it('is a 413 before anything is written', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    expect(bomb.length).toBeLessThan(MAX_ASSET_BYTES)
    const images = join(dir, 'images')
    const before = readdirSync(images).sort()
    const answer = await raw('POST', '/v2025-02-19/assets/images/production', { 'content-type': 'image/png' }, bomb)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.description).toMatch(/too many pixels/)
    expect(readdirSync(images).sort()).toEqual(before)
    const small = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } })
      .png()
      .toBuffer()
    expect((await raw('POST', '/v2025-02-19/assets/images/production', { 'content-type': 'image/png' }, small)).status).toBe(200)
  })
})

describe('response headers', () => {
  const image = '/images/local/production/61262c998812f460973b5f512fec5685419969cc-4x3.png'

  it.each([
    ['an image', 'GET', image, {}],
    ['a transformed image', 'GET', `${image}?w=2`, {}],
    ['a query', 'GET', '/v2025-02-19/data/query/production?query=1', {}],
    ['a 404', 'GET', '/v2025-02-19/nothing/here', {}],
    ['a 403', 'GET', '/v2025-02-19/data/query/production?query=1', { 'sec-fetch-site': 'cross-site' }],
    ['a preflight', 'OPTIONS', '/v2025-02-19/data/query/production', { origin: site, 'access-control-request-method': 'POST' }],
  ])('%s carries X-Content-Type-Options: nosniff', async (_name, method, path, headers: Record<string, string>) => {
    const answer = await raw(method, path, headers)
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
  })

  it('images carry a sandboxing Content-Security-Policy', async () => {
    for (const path of [image, `${image}?w=2`]) {
      const answer = await raw('GET', path)
      expect(answer.status).toBe(200)
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; sandbox")
    }
  })

  it('a refused socket upgrade carries nosniff', async () => {
    const url = `${lake.url.replace(/^http/, 'ws')}/v2022-06-30/socket/nope`
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.once('unexpected-response', (_req, res) => resolve(res.headers))
      ws.once('error', reject)
    })
    expect(headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('a listener that never reads', () => {
  it('has its stream closed once 8 MB are waiting, logged once', async () => {
    const big = 'x'.repeat(200_000)
    expect(
      (await post('/v2025-02-19/data/mutate/production', { mutations: [{ create: { _id: 'bp-doc', _type: 'note', big } }] })).status,
    ).toBe(200)
    let closed = false
    const req = request(`${lake.url}/v2025-02-19/data/listen/production?query=*[_id=="bp-doc"]`, (res) => {
      res.pause()
      res.on('close', () => (closed = true))
    })
    req.on('error', () => (closed = true))
    req.end()
    await new Promise((r) => setTimeout(r, 200))
    for (let i = 0; i < 120 && !closed; i++) {
      await post('/v2025-02-19/data/mutate/production', { mutations: [{ patch: { id: 'bp-doc', set: { big: `${i}${big}` } } }] })
    }
    for (let i = 0; i < 50 && !logged.some((line) => line.includes('not reading')); i++) await new Promise((r) => setTimeout(r, 50))
    expect(logged.filter((line) => line.includes('not reading'))).toHaveLength(1)
    req.destroy()
  }, 60_000)
})

describe('mux channels', () => {
  it(`are at most ${MAX_CHANNELS} open at once: one more is a 429, and closing one frees a place`, async () => {
    const open = (): Promise<{ status: number; close: () => void }> =>
      new Promise((resolve, reject) => {
        const req = request(`${lake.url}/v1/mux`, (res) => {
          if (res.statusCode !== 200) res.resume()
          resolve({ status: res.statusCode ?? 0, close: () => req.destroy() })
        })
        req.on('error', reject)
        req.end()
      })
    const channels = await Promise.all(Array.from({ length: MAX_CHANNELS }, open))
    try {
      expect(channels.every((c) => c.status === 200)).toBe(true)
      expect((await open()).status).toBe(429)
      channels.pop()!.close()
      let status = 0
      for (let i = 0; i < 50 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 20))
        const again = await open()
        status = again.status
        channels.push(again)
      }
      expect(status).toBe(200)
    } finally {
      for (const c of channels) c.close()
    }
  })
})
