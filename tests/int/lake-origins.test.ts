/**
 * A page on another origin, open in the editor's browser, must not be able to use the lake: not
 * to write (the dataset file and the document stay as they were), not to read drafts. The site's
 * own origin (the Studio lives under it) keeps working, with CORS headers.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SanityClient } from '@sanity/client'
import type { Browser } from 'playwright-core'

import { startLake, type Lake } from '@/lake'

import { launchBrowser } from '../helpers/browser'

import { lakeClient } from '../helpers/lake'

const fixture = join(__dirname, '../fixtures/lake')
const hostileTitle = 'Owned by another origin'

let dir: string
let file: string
let lake: Lake
let client: SanityClient
let browser: Browser
let foreign: { server: Server; origin: string }
let allowed: { server: Server; origin: string }

/** A page server on its own port of 127.0.0.1: another origin than the lake's. */
async function pageServer(html: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-origins-'))
  cpSync(fixture, dir, { recursive: true })
  file = join(dir, 'data.ndjson')
  foreign = await pageServer('<!doctype html><title>elsewhere</title>')
  allowed = await pageServer('<!doctype html><title>the site</title>')
  lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: file },
    allowedOrigins: [allowed.origin],
    watch: false,
    log: () => {},
  })
  client = lakeClient(lake.url)
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await lake?.close()
  for (const s of [foreign, allowed]) s?.server.close()
  rmSync(dir, { recursive: true, force: true })
})

const mutateUrl = () => `${lake.url}/v2025-02-19/data/mutate/production`
const draftsUrl = () =>
  `${lake.url}/v2025-02-19/data/query/production?perspective=drafts&query=${encodeURIComponent('*[_id == "article-new"][0].title')}`
const hostileBody = JSON.stringify({ mutations: [{ patch: { id: 'siteSettings', set: { title: hostileTitle } } }] })

/** What a hostile page tries: a CORS write, a simple (no preflight) text/plain write, a form post, and reading drafts. */
async function attackFrom(pageUrl: string): Promise<{ cors: string; noCors: string; drafts: string }> {
  const page = await browser.newPage()
  try {
    await page.goto(pageUrl)
    return await page.evaluate(
      async ({ mutate, drafts, body }) => {
        const outcome = (p: Promise<Response>) =>
          p.then(
            (r) => `status ${r.status}`,
            (e: Error) => `failed: ${e.message}`,
          )
        const cors = await outcome(
          fetch(mutate, { method: 'POST', mode: 'cors', credentials: 'include', headers: { 'content-type': 'application/json' }, body }),
        )
        const noCors = await outcome(fetch(mutate, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }))
        // A form with enctype text/plain sends `name=value`; crafted so that the body is the JSON above.
        const form = document.createElement('form')
        form.method = 'POST'
        form.action = mutate
        form.enctype = 'text/plain'
        form.target = 'sink'
        const field = document.createElement('input')
        field.name = body.slice(0, -2)
        field.value = '}}'
        form.append(field)
        const sink = document.createElement('iframe')
        sink.name = 'sink'
        document.body.append(sink, form)
        const loaded = new Promise((resolve) => sink.addEventListener('load', resolve))
        form.submit()
        await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 3000))])
        const read = await fetch(drafts, { mode: 'cors' }).then(
          (r) => r.text(),
          (e: Error) => `failed: ${e.message}`,
        )
        return { cors, noCors, drafts: read }
      },
      { mutate: mutateUrl(), drafts: draftsUrl(), body: hostileBody },
    )
  } finally {
    await page.close()
  }
}

describe('a page on another origin', () => {
  it('cannot write to the lake or read drafts, over CORS, no-cors text/plain or a form', async () => {
    const before = readFileSync(file, 'utf8')
    const result = await attackFrom(`${foreign.origin}/`)
    expect(result.cors).toMatch(/^failed/)
    expect(result.drafts).not.toContain('An unpublished idea')
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(await client.fetch('*[_id == "siteSettings"][0].title')).toBe('Insights')
  }, 30_000)

  it('cannot either from a file:// page (Origin: null)', async () => {
    const before = readFileSync(file, 'utf8')
    const page = join(dir, 'page.html')
    writeFileSync(page, '<!doctype html><title>a saved page</title>')
    const result = await attackFrom(`file://${page}`)
    expect(result.drafts).not.toContain('An unpublished idea')
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(await client.fetch('*[_id == "siteSettings"][0].title')).toBe('Insights')
  }, 30_000)

  it('gets a 403 in Sanity error shape with no CORS headers, for GET, POST and preflights alike', async () => {
    const origin = foreign.origin
    const get = await fetch(draftsUrl(), { headers: { origin } })
    expect(get.status).toBe(403)
    expect((await get.json()).error).toMatchObject({ type: 'httpForbidden' })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
    const post = await fetch(mutateUrl(), { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: hostileBody })
    expect(post.status).toBe(403)
    const preflight = await fetch(mutateUrl(), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } })
    expect(preflight.status).toBe(403)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect((await fetch(draftsUrl(), { headers: { origin: 'null' } })).status).toBe(403)
    expect(await client.fetch('*[_id == "siteSettings"][0].title')).toBe('Insights')
  })
})

describe('request shape', () => {
  it('refuses bodies that are not application/json with 415, before doing anything', async () => {
    const before = readFileSync(file, 'utf8')
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(mutateUrl(), { method: 'POST', headers: { 'content-type': type }, body: hostileBody })
      expect(res.status).toBe(415)
      expect((await res.json()).error.type).toBe('httpUnsupportedMediaType')
    }
    const query = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '1' }),
    })
    expect(query.status).toBe(415)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('refuses a Host that is not one of its names (DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${lake.url}/v2025-02-19/data/query/production?query=1`, { headers: { host } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end()
      })
    expect(await status(`attacker.example:${lake.port}`)).toBe(421)
    expect(await status('localhost')).toBe(421)
    expect(await status(`localhost:${lake.port}`)).toBe(200)
    expect(await status(`127.0.0.1:${lake.port}`)).toBe(200)
  })
})

describe('the allowed origin', () => {
  it('answers preflights and requests with CORS headers for that origin only', async () => {
    const preflight = await fetch(mutateUrl(), {
      method: 'OPTIONS',
      headers: {
        origin: allowed.origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed.origin)
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type')
    expect(preflight.headers.get('vary')).toContain('Origin')
  })

  it('reads drafts and writes from a page on that origin', async () => {
    const page = await browser.newPage()
    try {
      await page.goto(`${allowed.origin}/`)
      const result = await page.evaluate(
        async ({ mutate, drafts }) => {
          const write = await fetch(mutate, {
            method: 'POST',
            mode: 'cors',
            credentials: 'include',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ mutations: [{ patch: { id: 'topic-strategy', set: { title: 'Strategy, revised' } } }] }),
          })
          const read = await fetch(drafts, { mode: 'cors', credentials: 'include' })
          return { write: write.status, read: (await read.json()).result }
        },
        { mutate: mutateUrl(), drafts: draftsUrl() },
      )
      expect(result).toEqual({ write: 200, read: 'An unpublished idea' })
      expect(await client.fetch('*[_id == "topic-strategy"][0].title')).toBe('Strategy, revised')
    } finally {
      await page.close()
    }
  }, 30_000)
})
