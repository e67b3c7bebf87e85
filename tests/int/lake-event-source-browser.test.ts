/**
 * The reason for the shim, in a real Chromium: a page on the site's origin that opens eight
 * listeners through the site's /lake proxy. Natively the browser holds six connections per host,
 * so two listeners never open; with sanity/lake-event-source.ts all eight get their welcome and
 * their mutations over one connection.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Browser } from 'playwright-core'
import ts from 'typescript'

import { startLake, type Lake } from '@/lake'
import { LAKE_PREFIX, proxyToLake } from '@/server/lake-proxy'

import { launchBrowser } from '../helpers/browser'
import { lakeClient } from '../helpers/lake'

const fixture = join(__dirname, '../fixtures/lake')
const LISTENERS = 8

let dir: string
let lake: Lake
let site: Server
let siteUrl: string
let browser: Browser

/** The shim as a plain script: `window.lakeEventSource.installLakeEventSource`. */
const shimScript = () => {
  const source = readFileSync(join(__dirname, '../../sanity/lake-event-source.ts'), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
  })
  return `window.lakeEventSource = {}; (function (exports) { ${outputText} })(window.lakeEventSource)`
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-event-source-browser-'))
  cpSync(fixture, dir, { recursive: true })
  lake = await startLake({ token: null, port: 0, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })
  const script = shimScript()
  site = createServer((req, res) => {
    if ((req.url ?? '').startsWith(`${LAKE_PREFIX}/`))
      return proxyToLake(req, res, { lakeUrl: lake.url, token: 'the-test-lake-trusts-every-request' })
    res.setHeader('Content-Type', req.url === '/shim.js' ? 'text/javascript' : 'text/html; charset=utf-8')
    res.end(req.url === '/shim.js' ? script : '<!doctype html><title>studio</title><script src="/shim.js"></script>')
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  site?.closeAllConnections()
  await new Promise((resolve) => site?.close(resolve))
  await lake?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Opens the page, optionally installs the shim, then eight listeners; counts welcomes and mutations per listener. */
async function openListeners(install: boolean) {
  const page = await browser.newPage()
  const requests: string[] = []
  page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`))
  await page.goto(siteUrl)
  await page.evaluate(
    ({ install, count, prefix }) => {
      const w = window as unknown as {
        lakeEventSource: { installLakeEventSource(prefix: string): void }
        seen: Array<{ welcome: number; mutation: number }>
      }
      if (install) w.lakeEventSource.installLakeEventSource(`${location.origin}${prefix}`)
      w.seen = []
      for (let i = 0; i < count; i++) {
        const seen = { welcome: 0, mutation: 0 }
        w.seen.push(seen)
        const query = encodeURIComponent(`*[_type == "topic" && ${i} == ${i}]`)
        const es = new EventSource(`${location.origin}${prefix}/v2025-02-19/data/listen/production?query=${query}`)
        es.addEventListener('welcome', () => seen.welcome++)
        es.addEventListener('mutation', () => seen.mutation++)
      }
    },
    { install, count: LISTENERS, prefix: LAKE_PREFIX },
  )
  return {
    page,
    requests,
    seen: () => page.evaluate(() => (window as unknown as { seen: Array<{ welcome: number; mutation: number }> }).seen),
  }
}

it('natively, a page gets six listeners open and no more (the problem)', async () => {
  const { page, seen, requests } = await openListeners(false)
  await page.waitForFunction(() => (window as unknown as { seen: Array<{ welcome: number }> }).seen.filter((s) => s.welcome).length >= 6)
  await page.waitForTimeout(1000)
  expect((await seen()).filter((s) => s.welcome).length).toBe(6)
  expect(requests.filter((r) => r.includes('/data/listen/'))).toHaveLength(LISTENERS)
  await page.close()
})

it('with the shim, all eight listeners open and get mutations over one connection', async () => {
  const { page, seen, requests } = await openListeners(true)
  await page.waitForFunction((n) => {
    const all = (window as unknown as { seen: Array<{ welcome: number }> }).seen
    return all.length === n && all.every((s) => s.welcome === 1)
  }, LISTENERS)
  await lakeClient(lake.url).create({ _id: 'topic-browser', _type: 'topic', title: 'From the browser test' })
  await page.waitForFunction(() => (window as unknown as { seen: Array<{ mutation: number }> }).seen.every((s) => s.mutation === 1))
  expect(await seen()).toEqual(Array.from({ length: LISTENERS }, () => ({ welcome: 1, mutation: 1 })))
  // A fetch still gets through while the eight are open.
  const status = await page.evaluate(
    async (prefix) => (await fetch(`${prefix}/v2025-02-19/data/query/production?query=count(*)`)).status,
    LAKE_PREFIX,
  )
  expect(status).toBe(200)
  expect(requests.filter((r) => r.includes('/data/listen/'))).toEqual([])
  expect(requests.filter((r) => r === 'GET /lake/v1/mux')).toHaveLength(1)
  expect(requests.filter((r) => r.startsWith('POST /lake/v1/mux/'))).toHaveLength(LISTENERS)
  await page.close()
})
