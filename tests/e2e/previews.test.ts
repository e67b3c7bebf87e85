/**
 * Draft previews on the built site (embedded default, a guarded lake, as `npm start` runs them):
 * entering draft mode with the Presentation tool's secret, what a previewed page and a reader's
 * page show, leaving it, share links with each way they can fail, and no secret anywhere a
 * reader can fetch.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { shareLinkKey, signShareLink } from '@/lib/preview/share-links'

import { datasetWith, lakeClient } from '../helpers/lake'
import { ROOT, type SiteWithLake, startSiteWithLake } from '../helpers/site'

const SECRET = 'presentation-secret-for-this-test-0123456789'
const OLD_SECRET = 'presentation-secret-written-two-hours-ago-42'
const DRAFT_ONLY = { id: 'article-managers-in-the-middle', path: '/insights/managers-in-the-middle', title: 'Managers in the middle' }
const CHANGED = {
  id: 'article-board-questions-cyber',
  path: '/insights/board-questions-cyber-risk',
  draft: 'Six questions every board should ask about cyber risk',
  published: 'Five questions every board should ask about cyber risk',
}
const SEED = { id: 'article-shifting-position-of-leadership', path: '/insights/shifting-position-of-leadership-digital-disruption' }

let running: SiteWithLake
const url = (p: string) => `${running.site.url}${p}`
const editor = () => lakeClient(running.lake.url, { token: running.token, perspective: 'raw' })
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString()

beforeAll(async () => {
  const secret = (id: string, value: string, updatedAt: string) => ({
    _id: `sanity-preview-url-secret.${id}`,
    _type: 'sanity.previewUrlSecret',
    _createdAt: updatedAt,
    _updatedAt: updatedAt,
    secret: value,
    studioUrl: '/studio',
  })
  running = await startSiteWithLake(datasetWith([secret('now', SECRET, new Date().toISOString()), secret('old', OLD_SECRET, hoursAgo(2))]))
}, 120_000)
afterAll(async () => {
  await running?.stop()
})

const enable = (params: Record<string, string>) =>
  fetch(url(`/api/draft-mode/enable?${new URLSearchParams(params)}`), { redirect: 'manual' })

/** The draft-mode cookie a valid enable sets, as a Cookie header. */
async function previewCookie(): Promise<string> {
  const response = await enable({ 'sanity-preview-secret': SECRET, 'sanity-preview-pathname': CHANGED.path })
  expect(response.status).toBe(307)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__prerender_bypass='))!
  return cookie.split(';')[0]!
}

const h1 = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null

describe('entering draft mode', () => {
  it('with a live secret: an httpOnly SameSite cookie (not Secure on plain http) and a redirect to the path asked for', async () => {
    const response = await enable({ 'sanity-preview-secret': SECRET, 'sanity-preview-pathname': `${DRAFT_ONLY.path}?x=1#top` })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe(`${DRAFT_ONLY.path}?x=1#top`)
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__prerender_bypass='))
    expect(cookie).toMatch(/; HttpOnly/i)
    expect(cookie).toMatch(/; SameSite=lax/i)
    expect(cookie).toMatch(/; Path=\//i)
    expect(cookie).not.toMatch(/; Secure/i)
  })

  it.each(['//evil.example', 'https://evil.example', '/\\evil', '/\\/evil.example', 'javascript:alert(1)', '/ok\u0000'])(
    'refuses to send anyone to %j (400, no cookie)',
    async (target) => {
      const response = await enable({ 'sanity-preview-secret': SECRET, 'sanity-preview-pathname': target })
      expect(response.status).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      expect(response.headers.getSetCookie()).toEqual([])
    },
  )

  it.each([
    ['missing', {}],
    ['wrong', { 'sanity-preview-secret': 'not-the-secret-at-all-0000000000' }],
    ['over an hour old', { 'sanity-preview-secret': OLD_SECRET }],
  ])('with a %s secret: 401 and no cookie', async (_, params) => {
    const response = await enable({ ...params, 'sanity-preview-pathname': DRAFT_ONLY.path })
    expect(response.status).toBe(401)
    expect(await response.text()).toMatch(/not valid/)
    expect(response.headers.getSetCookie()).toEqual([])
  })
})

describe('a previewed page and a reader’s page, side by side', () => {
  it('shows the never-published article in preview only; readers get 404 before, during and after', async () => {
    expect((await fetch(url(DRAFT_ONLY.path))).status).toBe(404)
    const cookie = await previewCookie()
    const previewed = await fetch(url(DRAFT_ONLY.path), { headers: { cookie } })
    expect(previewed.status).toBe(200)
    const html = await previewed.text()
    expect(h1(html)).toMatch(/^Managers in the middle/)
    expect(html).toContain('Previewing drafts')
    expect(html).toContain('Draft only: never published')
    expect(html).toContain('href="/api/draft-mode/disable"')
    expect(previewed.headers.get('cache-control')).toMatch(/no-store|private|no-cache/)
    const reader = await fetch(url(DRAFT_ONLY.path))
    expect(reader.status).toBe(404)
    expect(await reader.text()).not.toContain('Managers in the middle')
  })

  it('shows the pending draft in preview and the published text to readers, and the cache never holds the draft', async () => {
    // Warm: the reader's page is in the cache.
    for (let i = 0; i < 2; i++) await (await fetch(url(CHANGED.path))).text()
    const cookie = await previewCookie()
    const [previewed, reader] = await Promise.all([
      fetch(url(CHANGED.path), { headers: { cookie } }).then((r) => r.text()),
      fetch(url(CHANGED.path)).then((r) => r.text()),
    ])
    expect(h1(previewed)).toBe(CHANGED.draft)
    expect(previewed).toContain('Changed since publishing')
    // Its related articles are read as drafts too: the never-published one is among them (a link between drafts).
    expect(previewed).toContain(DRAFT_ONLY.title)
    expect(h1(reader)).toBe(CHANGED.published)
    expect(reader).not.toContain('Previewing drafts')
    // Every page in preview carries the banner; the listing shows the draft title, readers' does not.
    const listing = await fetch(url('/insights'), { headers: { cookie } }).then((r) => r.text())
    expect(listing).toContain('Previewing drafts')
    expect(listing).toContain(CHANGED.draft)
    const after = await fetch(url(CHANGED.path))
    expect(h1(await after.text())).toBe(CHANGED.published)
    expect(await fetch(url('/insights')).then((r) => r.text())).not.toContain(CHANGED.draft)
  })

  it('runs Next in preview only (the Studio’s overlays), under a policy listing exactly its inline scripts; the reader’s page runs none', async () => {
    const cookie = await previewCookie()
    const previewed = await fetch(url(SEED.path), { headers: { cookie } })
    const html = await previewed.text()
    expect(html).toMatch(/<script src="\/_next\/static\/chunks\/[^"]+\.js"/)
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/g)].map(
      ([, body]) =>
        `'sha256-${createHash('sha256')
          .update(body ?? '')
          .digest('base64')}'`,
    )
    expect(inline.length).toBeGreaterThan(0)
    const policy = previewed.headers.get('content-security-policy') ?? ''
    const scriptSrc = (policy.split('; ').find((directive) => directive.startsWith('script-src ')) ?? '').split(' ').slice(1)
    expect(scriptSrc).not.toContain("'unsafe-inline'")
    expect([...new Set(scriptSrc)].sort()).toEqual(["'self'", ...new Set(inline)].sort())

    const reader = await fetch(url(SEED.path))
    expect(await reader.text()).not.toMatch(/<script src=|self\.__next_f/)
    expect(reader.headers.get('content-security-policy')).toContain("script-src 'none'")
  })

  it('leaves draft mode back to the page it was on (Referer), clearing the cookie', async () => {
    const cookie = await previewCookie()
    const response = await fetch(url('/api/draft-mode/disable'), {
      headers: { cookie, referer: url(CHANGED.path) },
      redirect: 'manual',
    })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe(CHANGED.path)
    expect(response.headers.getSetCookie().find((c) => c.startsWith('__prerender_bypass='))).toMatch(/Expires=Thu, 01 Jan 1970/i)
    const other = await fetch(url('/api/draft-mode/disable'), { headers: { referer: 'https://evil.example/x' }, redirect: 'manual' })
    expect(other.headers.get('location')).toBe('/')
  })
})

/** `npm run content -- preview-link ...` against the test's lake and site. */
function previewLinkCli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    SANITY_LAKE_URL: running.lake.url,
    SANITY_LAKE_TOKEN: running.token,
    NEXT_PUBLIC_SITE_URL: running.site.url,
    NEXT_PUBLIC_SANITY_PROJECT_ID: '',
  }
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/content/cli.ts', 'preview-link', ...args], {
    cwd: ROOT,
    env,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

const key = () => shareLinkKey(undefined, running.token)!

async function grant(document: string, { createdAt = new Date().toISOString(), expiresAt = hoursAgo(-24) } = {}): Promise<string> {
  const id = `preview-grant.test-${Math.random().toString(36).slice(2)}`
  await editor().create({
    _id: id,
    _type: 'previewGrant',
    document: { _type: 'reference', _ref: document, _weak: true },
    createdAt,
    expiresAt,
  })
  return id
}

describe('share links', () => {
  let link: string

  beforeAll(async () => {
    const run = await previewLinkCli('board-questions-cyber-risk', '--ttl', '24h')
    expect(run).toMatchObject({ code: 0 })
    link = run.stdout.trim()
  }, 120_000)

  it('npm run content -- preview-link prints a link that shows the draft, read-only, with its expiry, and sets no cookie', async () => {
    expect(link.startsWith(`${running.site.url}/preview/`)).toBe(true)
    const response = await fetch(link)
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie()).toEqual([])
    const html = await response.text()
    expect(h1(html)).toBe(CHANGED.draft)
    expect(html).toContain('shared link, read-only')
    expect(html).toMatch(/expires <time dateTime="[^"]+">/)
    expect(html).not.toContain('/api/draft-mode/disable')
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/)
    // Nothing else is in preview: the article's own page stays published.
    expect(h1(await fetch(url(CHANGED.path)).then((r) => r.text()))).toBe(CHANGED.published)
  })

  it('shows only that draft: other unpublished work stays hidden in what the page links to', async () => {
    const html = await fetch(link).then((r) => r.text())
    expect(html).not.toContain(DRAFT_ONLY.title)
  })

  it('answers a tampered link 401 with a page that says so, and no cookie', async () => {
    const token = link.split('/preview/')[1]!
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
    for (const bad of [flipped, `x${token}`, 'not-a-link', `${token.split('.')[0]}.${'A'.repeat(43)}`]) {
      const response = await fetch(url(`/preview/${bad}`))
      expect(response.status).toBe(401)
      expect(response.headers.getSetCookie()).toEqual([])
      expect(await response.text()).toContain('This preview link is not valid')
    }
  })

  it('answers an expired link 401, saying when it expired', async () => {
    const id = await grant(CHANGED.id)
    const token = signShareLink(key(), { grant: id, document: CHANGED.id, expires: Math.floor(Date.now() / 1000) - 60 })
    const response = await fetch(url(`/preview/${token}`))
    expect(response.status).toBe(401)
    expect(await response.text()).toMatch(/This preview link has expired[\s\S]*stopped working on/)
  })

  it('answers a link for another document 401', async () => {
    const id = await grant(SEED.id)
    const token = signShareLink(key(), { grant: id, document: CHANGED.id, expires: Math.floor(Date.now() / 1000) + 3600 })
    const response = await fetch(url(`/preview/${token}`))
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('This preview link is for another document')
  })

  it('answers a revoked link (its grant deleted) 401', async () => {
    const id = await grant(CHANGED.id)
    const token = signShareLink(key(), { grant: id, document: CHANGED.id, expires: Math.floor(Date.now() / 1000) + 3600 })
    expect((await fetch(url(`/preview/${token}`))).status).toBe(200)
    await editor().delete(id)
    const response = await fetch(url(`/preview/${token}`))
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('This preview link was withdrawn')
  })

  it('signs a fresh grant the Studio made (POST /api/preview-links), and nothing else', async () => {
    const id = await grant(DRAFT_ONLY.id)
    const post = (body: string) =>
      fetch(url('/api/preview-links'), { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const made = await post(JSON.stringify({ grant: id }))
    expect(made.status).toBe(200)
    const { url: shared, expiresAt } = (await made.json()) as { url: string; expiresAt: string }
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now())
    const page = await fetch(shared.replace(/^https?:\/\/[^/]+/, running.site.url))
    expect(page.status).toBe(200)
    expect(h1(await page.text())).toMatch(/^Managers in the middle/)
    const stale = await grant(DRAFT_ONLY.id, { createdAt: hoursAgo(1) })
    expect((await post(JSON.stringify({ grant: stale }))).status).toBe(403)
    expect((await post(JSON.stringify({ grant: 'preview-grant.nobody-made-this' }))).status).toBe(404)
    expect((await post(JSON.stringify({ grant: 'article-x' }))).status).toBe(400)
    expect((await post('{not json')).status).toBe(400)
  })
})

describe('secrets stay on the server', () => {
  /** Every file the build serves to browsers. */
  function staticFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? staticFiles(full) : [full]
    })
  }

  it('no token or signing key in .next/static, in served HTML, or in the RSC payload of a previewed page', async () => {
    const secrets = [running.token, key(), SECRET]
    const buildToken = path.join(ROOT, '.lake-token')
    if (fs.existsSync(buildToken)) secrets.push(fs.readFileSync(buildToken, 'utf8').trim())
    for (const file of staticFiles(path.join(ROOT, '.next', 'static'))) {
      const content = fs.readFileSync(file, 'utf8')
      for (const secret of secrets) expect(content.includes(secret) ? file : null).toBeNull()
    }
    const cookie = await previewCookie()
    const link = (await previewLinkCli('managers-in-the-middle', '--ttl', '1h')).stdout.trim()
    const answers = [
      await fetch(url(CHANGED.path), { headers: { cookie } }),
      await fetch(url(CHANGED.path), { headers: { cookie, rsc: '1' } }),
      await fetch(url('/'), { headers: { cookie } }),
      await fetch(url(SEED.path)),
      await fetch(link),
      await fetch(link, { headers: { rsc: '1' } }),
    ]
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      const body = await answer.text()
      for (const secret of secrets) expect(body.includes(secret)).toBe(false)
    }
  }, 120_000)

  it('the lake answers drafts only to the token: a reader asking it directly sees none', async () => {
    const anonymous = lakeClient(running.lake.url, { perspective: 'drafts' })
    expect(await anonymous.fetch('*[_id == $id][0].title', { id: CHANGED.id })).toBe(CHANGED.published)
    expect(await anonymous.fetch('count(*[_type == "previewGrant" || _type == "sanity.previewUrlSecret"])')).toBe(0)
    expect(await editor().fetch('count(*[_type == "sanity.previewUrlSecret"])')).toBe(2)
  })
})
