/**
 * The site's server layer (server/): what leaves it around whatever Next answers. A stand-in
 * handler plays Next, so each case is exact; the built site's headers are checked in tests/e2e.
 */
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { get, type IncomingMessage, type Server } from 'node:http'
import { gunzipSync } from 'node:zlib'

import { markContentSourceDown, markContentSourceUp } from '@/lib/content/availability'
import { inlineScriptHashes } from '@/server/csp'
import { NOT_FOUND_PROBE } from '@/server/not-found-document'
import { responsePolicy } from '@/server/policy'
import { createSiteServer, type RequestHandler } from '@/server/site-server'

const INLINE = 'self.__next_f.push([1,"hello"])'
const PAGE = `<!DOCTYPE html><html><head><script src="/_next/static/a.js" async=""></script><script type="application/ld+json">{"@type":"Article"}</script></head><body><main>Article</main><script>${INLINE}</script><script id="_R_">document.body.dataset.ready = "1"</script></body></html>`
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

let server: Server
let url: string
let answer: RequestHandler

beforeAll(async () => {
  server = createSiteServer(
    (req, res) => answer(req, res),
    responsePolicy({ NEXT_PUBLIC_SITE_URL: 'https://insights.example.org' } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv),
    { notFoundDocument: true },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
afterEach(() => markContentSourceUp())

/** Next's way of answering a page: headers through writeHead, the body in streamed chunks. */
const page =
  (status: number, html: string): RequestHandler =>
  async (_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.writeHead(status, { 'x-nextjs-cache': 'HIT' })
    const middle = Math.floor(html.length / 2)
    res.write(html.slice(0, middle))
    await new Promise((resolve) => setTimeout(resolve, 5))
    res.end(html.slice(middle))
  }

describe('inline script hashes', () => {
  it('hashes every inline script a browser runs, not external scripts or JSON-LD', () => {
    expect(inlineScriptHashes(PAGE).sort()).toEqual([sha(INLINE), sha('document.body.dataset.ready = "1"')].sort())
  })
})

describe('the site server', () => {
  it('gives a page a CSP whose script hashes are exactly its inline scripts, body unchanged', async () => {
    answer = page(200, PAGE)
    const response = await fetch(`${url}/insights/a`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(PAGE)
    expect(response.headers.get('x-nextjs-cache')).toBe('HIT')
    const policy = response.headers.get('content-security-policy') ?? ''
    const scriptSrc = policy.split('; ').find((directive) => directive.startsWith('script-src ')) ?? ''
    expect(scriptSrc.split(' ').slice(1).sort()).toEqual(["'self'", sha(INLINE), sha('document.body.dataset.ready = "1"')].sort())
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("frame-ancestors 'self'")
    expect(policy).toContain('upgrade-insecure-requests')
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
  })

  it('compresses the page after reading it', async () => {
    answer = page(200, PAGE)
    const response = await new Promise<{ encoding?: string; body: Buffer; policy?: string }>((resolve, reject) => {
      get(`${url}/`, { headers: { 'accept-encoding': 'gzip' } }, (res: IncomingMessage) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            encoding: res.headers['content-encoding'],
            body: Buffer.concat(chunks),
            policy: String(res.headers['content-security-policy']),
          }),
        )
      }).on('error', reject)
    })
    expect(response.encoding).toBe('gzip')
    expect(gunzipSync(response.body).toString()).toBe(PAGE)
    expect(response.policy).toContain(sha(INLINE))
  })

  it('streams other responses untouched, under a policy that runs nothing', async () => {
    answer = async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.write('<rss>')
      res.end('</rss>')
    }
    const response = await fetch(`${url}/feeds/rss.xml`)
    expect(await response.text()).toBe('<rss></rss>')
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox")
  })

  it('answers a failed page with 503, Retry-After and a page that says so while the content source is down', async () => {
    answer = page(500, '<!DOCTYPE html><html id="__next_error__"><body></body></html>')
    markContentSourceDown()
    const response = await fetch(`${url}/insights/never-rendered`)
    expect(response.status).toBe(503)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.text()).toContain('This page is temporarily unavailable')
  })

  it('keeps a 500 a 500 when the content source is answering', async () => {
    answer = page(500, '<!DOCTYPE html><html><body>Something went wrong</body></html>')
    const response = await fetch(`${url}/broken`)
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('Something went wrong')
  })

  it('gives a cached redirect that lost its Location the one in its payload; a Location Next set stands; never another site', async () => {
    const redirectPage = (path: string) =>
      `<!DOCTYPE html><html id="__next_error__"><body><script>self.__next_f.push([1,"b:E{\\"digest\\":\\"NEXT_REDIRECT;replace;${path};308;\\"}\\n"])</script></body></html>`
    const location = async () => {
      const response = await fetch(`${url}/insights/old-slug`, { redirect: 'manual' })
      await response.text()
      return [response.status, response.headers.get('location')]
    }
    answer = page(308, redirectPage('/insights/new-slug'))
    expect(await location()).toEqual([308, '/insights/new-slug'])
    answer = async (req, res) => {
      res.setHeader('location', '/insights/set-by-next')
      return page(308, redirectPage('/insights/new-slug'))(req, res)
    }
    expect(await location()).toEqual([308, '/insights/set-by-next'])
    answer = page(308, redirectPage('//evil.example/x'))
    expect(await location()).toEqual([308, null])
    answer = page(200, redirectPage('/insights/new-slug'))
    expect(await location()).toEqual([200, null])
  })

  it("answers a 404 that Next sent as an empty shell with the site's not-found document, without scripts, still 404", async () => {
    const SHELL = '<!DOCTYPE html><html id="__next_error__"><head></head><body><script>self.__next_f.push([1,"nf"])</script></body></html>'
    const DOCUMENT =
      '<!DOCTYPE html><html lang="en"><body><main><h1>Page not found</h1></main><script>self.__next_f.push([1,"doc"])</script></body></html>'
    answer = (req, res) => (req.url === NOT_FOUND_PROBE ? page(404, DOCUMENT) : page(404, SHELL))(req, res)
    // The document is fetched once the server listens, or on the first shell it meets: poll briefly.
    const deadline = Date.now() + 5_000
    let response = await fetch(`${url}/insights/no-such-article`)
    let body = await response.text()
    while (!body.includes('Page not found') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      response = await fetch(`${url}/insights/no-such-article`)
      body = await response.text()
    }
    // Without its scripts: they would start Next's router on another route's payload.
    expect([response.status, body]).toEqual([
      404,
      '<!DOCTYPE html><html lang="en"><body><main><h1>Page not found</h1></main></body></html>',
    ])
    expect(response.headers.get('content-security-policy')).not.toContain(sha('self.__next_f.push([1,"nf"])'))
    // A 404 Next rendered whole, and any other status, is left as it is.
    answer = page(404, '<!DOCTYPE html><html><body><main>Not here</main></body></html>')
    expect(await (await fetch(`${url}/topics/x`)).text()).toContain('Not here')
    answer = page(500, SHELL)
    expect(await (await fetch(`${url}/broken`)).text()).toBe(SHELL)
  })

  it('adds no policy to answers without a body: HEAD, and a 304 that refreshes a cached page', async () => {
    answer = async (req, res) => {
      // Next's way: a 304 (and HEAD) end before any content type is set.
      if (req.headers['if-none-match']) {
        res.statusCode = 304
        return void res.end()
      }
      await page(200, PAGE)(req, res)
    }
    const head = await fetch(`${url}/`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-security-policy')).toBeNull()
    const notModified = await fetch(`${url}/`, { headers: { 'if-none-match': '"abc"' } })
    expect(notModified.status).toBe(304)
    // A 304's headers replace the cached page's: the run-nothing policy here would block its scripts.
    expect(notModified.headers.get('content-security-policy')).toBeNull()
  })

  it('cuts the connection when a streamed answer fails halfway, so nobody keeps half a body', async () => {
    answer = async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"a":')
      await new Promise((resolve) => setTimeout(resolve, 5))
      throw new Error('render failed')
    }
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await expect(fetch(`${url}/data.json`).then((response) => response.text())).rejects.toThrow()
    } finally {
      errors.mockRestore()
    }
  })

  it('refuses a path that is not valid %-encoding with a 400 before Next sees it', async () => {
    let reached = false
    answer = async (_req, res) => {
      reached = true
      res.end()
    }
    const response = await fetch(`${url}/insights/%E0%A4%A`)
    expect(response.status).toBe(400)
    expect(reached).toBe(false)
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('reading pages without scripts', () => {
  let reading: Server
  let readingUrl: string
  beforeAll(async () => {
    reading = createSiteServer((req, res) => answer(req, res), responsePolicy({} as NodeJS.ProcessEnv), {
      readingPagesWithoutScripts: true,
    })
    await new Promise<void>((resolve) => reading.listen(0, '127.0.0.1', resolve))
    readingUrl = `http://127.0.0.1:${(reading.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => reading.close(() => resolve())))

  const PRELOADS =
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/b.js"/><link rel="modulepreload" href="/_next/static/c.js"/>'
  const FULL = PAGE.replace('<head>', `<head>${PRELOADS}<link rel="preload" as="image" href="/lake/images/a.png"/>`)
  const scriptSrc = (response: Response) =>
    (response.headers.get('content-security-policy') ?? '').split('; ').find((directive) => directive.startsWith('script-src '))

  it('sends a page without the scripts it would run and their preloads, keeping JSON-LD and every other tag; its policy runs nothing', async () => {
    answer = page(200, FULL)
    const response = await fetch(`${readingUrl}/insights/a`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(
      '<!DOCTYPE html><html><head><link rel="preload" as="image" href="/lake/images/a.png"/><script type="application/ld+json">{"@type":"Article"}</script></head><body><main>Article</main></body></html>',
    )
    expect(scriptSrc(response)).toBe("script-src 'none'")
    // The same for a 404 Next rendered whole.
    answer = page(404, FULL)
    const missing = await fetch(`${readingUrl}/topics/x`)
    expect([missing.status, await missing.text()]).toEqual([404, expect.not.stringContaining('<script>')])
  })

  it.each([
    ['in draft mode (the Studio’s overlays run on it)', '/insights/a', { cookie: 'theme=dark; __prerender_bypass=abc123' }, 200, FULL],
    ['in the Studio', '/studio/structure', {}, 200, FULL],
    ['on an error page (its "Try again" runs in place)', '/insights/a', {}, 500, FULL],
    [
      'when React left a part for the browser to render',
      '/insights/a',
      {},
      200,
      FULL.replace('<main>', '<main><!--$!--><template data-dgst="x"></template><!--/$-->'),
    ],
    ['when a part is still pending', '/search', {}, 200, FULL.replace('<main>', '<main><!--$?--><template id="B:0"></template><!--/$-->')],
  ])('keeps them %s, each listed in the policy', async (_when, path, headers, status, html) => {
    answer = page(status, html)
    const response = await fetch(`${readingUrl}${path}`, { headers })
    expect([response.status, await response.text()]).toEqual([status, html])
    expect(scriptSrc(response)?.split(' ').sort()).toEqual(
      ["'self'", sha(INLINE), sha('document.body.dataset.ready = "1"'), 'script-src'].sort(),
    )
  })

  it('leaves a cookie that only ends in the draft-mode name alone', async () => {
    answer = page(200, FULL)
    const response = await fetch(`${readingUrl}/`, { headers: { cookie: 'x__prerender_bypass=1' } })
    expect(await response.text()).not.toContain('<script>')
  })
})
