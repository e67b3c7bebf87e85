/**
 * The embedded default's Studio and its lake under the site's origin (server/lake-proxy.ts,
 * server/editor-access.ts): who may use them, and that the proxy is the lake (streams included).
 * A stand-in handler plays Next; a real lake answers behind the proxy.
 */
import { createServer, get, type IncomingMessage, type Server } from 'node:http'
import { type AddressInfo, connect, type Socket } from 'node:net'

import { editorAccess, isLoopback } from '@/server/editor-access'
import { lakeProxyOptions } from '@/server/editor-config'
import type { LakeProxyOptions } from '@/server/lake-proxy'
import { responsePolicy } from '@/server/policy'
import { createSiteServer } from '@/server/site-server'

import { datasetWith, type RunningLake, startTestLake, testLakeToken } from '../../helpers/lake'

const LAKE_TOKEN = testLakeToken()
const QUERY = '/lake/v2025-02-19/data/query/production?query=count(*%5B_type%3D%3D%22topic%22%5D)'

/** A request as editorAccess sees it. */
function request(headers: Record<string, string>, remoteAddress = '127.0.0.1', method = 'GET'): IncomingMessage {
  return { headers, method, socket: { remoteAddress } as Socket } as unknown as IncomingMessage
}
const basic = (password: string) => `Basic ${Buffer.from(`editor:${password}`).toString('base64')}`

describe('editor access', () => {
  it('lets this machine in by a loopback name, with or without its own Origin', () => {
    expect(editorAccess(request({ host: 'localhost:3000' }), {})).toEqual({ allowed: true })
    expect(editorAccess(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), {})).toEqual({ allowed: true })
    expect(editorAccess(request({ host: '[::1]:3000' }, '::1'), {})).toEqual({ allowed: true })
    expect(editorAccess(request({ host: 'localhost:3000' }, '::ffff:127.0.0.1'), {})).toEqual({ allowed: true })
  })

  it('refuses another machine, a foreign Host on this machine (DNS rebinding) and a foreign Origin', () => {
    expect(editorAccess(request({ host: 'insights.example.org' }, '203.0.113.9'), {})).toMatchObject({ allowed: false, status: 403 })
    expect(editorAccess(request({ host: 'attacker.example:3000' }), {})).toMatchObject({ allowed: false, status: 403 })
    expect(editorAccess(request({ host: 'localhost:3000', origin: 'http://attacker.example' }), {})).toMatchObject({
      allowed: false,
      status: 403,
    })
    expect(editorAccess(request({ host: 'localhost:3000', origin: 'null' }), {})).toMatchObject({ allowed: false, status: 403 })
  })

  it('refuses a request that came through a proxy: it arrives from 127.0.0.1 but is not from this machine', () => {
    for (const header of ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via']) {
      expect(editorAccess(request({ host: 'localhost:3000', [header]: '203.0.113.9' }), {})).toMatchObject({ allowed: false, status: 403 })
    }
    // A public host name sent by a proxy that adds no header is not a loopback name either.
    expect(editorAccess(request({ host: 'insights.example.org' }), {})).toMatchObject({ allowed: false, status: 403 })
  })

  it('refuses a page on another site that sends no Origin (an <img> or <script> tag)', () => {
    for (const site of ['cross-site', 'same-site']) {
      expect(editorAccess(request({ host: 'localhost:3000', 'sec-fetch-site': site }), {})).toMatchObject({ allowed: false, status: 403 })
    }
    expect(editorAccess(request({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }), {})).toEqual({ allowed: true })
    // An editor following a link to /studio from another site is a navigation, not a page acting for them.
    expect(
      editorAccess(
        request({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }, '127.0.0.1', 'GET'),
        {},
      ),
    ).toEqual({ allowed: true })
    expect(
      editorAccess(
        request({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }, '127.0.0.1', 'POST'),
        {},
      ),
    ).toMatchObject({ allowed: false })
    expect(editorAccess(request({ host: 'localhost:3000', 'sec-fetch-site': 'none' }), {})).toEqual({ allowed: true })
  })

  it('with STUDIO_PASSWORD: asks for it (401 + Basic challenge), refuses a wrong one, admits the right one from anywhere', () => {
    const options = { password: 'correct horse' }
    const missing = editorAccess(request({ host: 'localhost:3000' }), options)
    expect(missing).toMatchObject({ allowed: false, status: 401 })
    expect(!missing.allowed && missing.headers?.['www-authenticate']).toMatch(/^Basic realm=/)
    expect(editorAccess(request({ host: 'localhost:3000', authorization: basic('wrong') }), options)).toMatchObject({ status: 401 })
    expect(editorAccess(request({ host: 'edit.example.org', authorization: basic('correct horse') }, '203.0.113.9'), options)).toEqual({
      allowed: true,
    })
  })

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true)
    expect(['10.0.0.1', '::ffff:10.0.0.1', '203.0.113.9', '', undefined].some(isLoopback)).toBe(false)
  })

  it('exists only on the embedded default: with a project configured there is no /lake and Sanity does the login', () => {
    expect(lakeProxyOptions({ NEXT_PUBLIC_SANITY_PROJECT_ID: 'abc123xy' } as unknown as NodeJS.ProcessEnv)).toBeUndefined()
    const token = testLakeToken()
    expect(
      lakeProxyOptions({
        SANITY_LAKE_URL: 'http://127.0.0.1:4100',
        STUDIO_PASSWORD: 'pw',
        SANITY_LAKE_TOKEN: token,
      } as unknown as NodeJS.ProcessEnv),
    ).toEqual({ lakeUrl: 'http://127.0.0.1:4100', password: 'pw', token })
  })
})

describe('the site server in front of the lake', () => {
  let lake: RunningLake
  let server: Server
  let url: string
  const reachedNext: string[] = []
  let options: LakeProxyOptions | undefined

  beforeAll(async () => {
    lake = await startTestLake(datasetWith([]), LAKE_TOKEN)
    server = createSiteServer(
      async (req, res) => {
        reachedNext.push(req.url ?? '')
        res.setHeader('content-type', 'text/plain')
        res.end('next')
      },
      responsePolicy({} as NodeJS.ProcessEnv),
      {
        get lake() {
          return options
        },
      },
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    await lake.close()
  })
  beforeEach(() => {
    reachedNext.length = 0
    options = { lakeUrl: lake.url, token: LAKE_TOKEN }
  })

  it("answers the lake's API at /lake, for the site's own page", async () => {
    const response = await fetch(`${url}${QUERY}`, { headers: { origin: url } })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { result: number }).result).toBeGreaterThan(0)
    expect(reachedNext).toEqual([])
  })

  it("adds the lake's token for the editor: drafts through /lake, none straight from the lake without it", async () => {
    const drafts = `/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*[_id in path("drafts.**")])')}&perspective=raw`
    const proxied = await fetch(`${url}/lake${drafts}`, { headers: { origin: url } })
    expect(((await proxied.json()) as { result: number }).result).toBe(2)
    const direct = await fetch(`${lake.url}${drafts}`)
    expect(((await direct.json()) as { result: number }).result).toBe(0)
    const write = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-lake-token-at-all-123' },
      body: JSON.stringify({ mutations: [{ delete: { id: 'siteSettings' } }] }),
    })
    expect(write.status).toBe(401)
  })

  it('refuses a page on another origin before the lake sees anything', async () => {
    const response = await fetch(`${url}/lake/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'application/json' },
      body: JSON.stringify({ mutations: [{ delete: { id: 'siteSettings' } }] }),
    })
    expect(response.status).toBe(403)
    const settings = await fetch(`${url}/lake/v2025-02-19/data/doc/production/siteSettings`)
    expect(((await settings.json()) as { documents: unknown[] }).documents).toHaveLength(1)
  })

  it('asks for the password at /studio and /lake when one is set, and passes with it', async () => {
    options = { lakeUrl: lake.url, token: LAKE_TOKEN, password: 'pw' }
    expect((await fetch(`${url}/studio/structure`)).status).toBe(401)
    expect((await fetch(`${url}${QUERY}`)).status).toBe(401)
    expect(reachedNext).toEqual([])
    const authorization = basic('pw')
    expect((await fetch(`${url}/studio/structure`, { headers: { authorization } })).status).toBe(200)
    expect((await fetch(`${url}${QUERY}`, { headers: { authorization } })).status).toBe(200)
    expect(reachedNext).toEqual(['/studio/structure'])
  })

  it("leaves the lake's public images and reader pages to Next", async () => {
    options = { lakeUrl: lake.url, token: LAKE_TOKEN, password: 'pw' }
    await fetch(`${url}/lake/images/local/production/abc-1x1.png`)
    await fetch(`${url}/insights`)
    expect(reachedNext).toEqual(['/lake/images/local/production/abc-1x1.png', '/insights'])
  })

  it('streams a listener through: the welcome arrives while the connection stays open', async () => {
    const controller = new AbortController()
    const response = await fetch(`${url}/lake/v2025-02-19/data/listen/production?query=*%5B_type%3D%3D%22topic%22%5D`, {
      signal: controller.signal,
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = response.body!.getReader()
    let text = ''
    while (!text.includes('welcome')) {
      const { value, done } = await reader.read()
      if (done) break
      text += new TextDecoder().decode(value)
    }
    expect(text).toMatch(/event: welcome/)
    controller.abort()
  })

  it('with a project configured, /lake is not the lake', async () => {
    options = lakeProxyOptions({ NEXT_PUBLIC_SANITY_PROJECT_ID: 'abc123xy' } as unknown as NodeJS.ProcessEnv)
    const response = await fetch(`${url}${QUERY}`)
    expect(await response.text()).toBe('next')
    expect(reachedNext).toEqual([QUERY])
  })

  it('reaches the lake and nothing else: /lake//other-host/... is not a way to another server', async () => {
    const other = createServer((_req, res) => {
      otherHits++
      res.end('other')
    })
    let otherHits = 0
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    const port = (other.address() as AddressInfo).port
    try {
      // Sent as written (fetch would normalise the dots away).
      for (const path of [`/lake//127.0.0.1:${port}/secret`, `/lake/v1/../..//127.0.0.1:${port}/secret`, '/lake/@127.0.0.1/x']) {
        const status = await new Promise<number | undefined>((resolve, reject) =>
          get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path }, (response) => {
            response.resume()
            resolve(response.statusCode)
          }).on('error', reject),
        )
        expect([path, status]).toEqual([path, 404])
      }
      expect(otherHits).toBe(0)
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()))
    }
  })

  it('survives a client that resets a refused WebSocket upgrade', async () => {
    for (let i = 0; i < 20; i++) {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.write(
        'GET /lake/v2022-06-30/socket/production HTTP/1.1\r\nHost: localhost\r\nOrigin: http://attacker.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      )
      socket.resetAndDestroy()
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await fetch(`${url}${QUERY}`)).status).toBe(200)
  })

  it('answers 502 when the lake is not there', async () => {
    options = { lakeUrl: 'http://127.0.0.1:9', token: LAKE_TOKEN }
    const response = await fetch(`${url}${QUERY}`)
    expect(response.status).toBe(502)
  })
})
