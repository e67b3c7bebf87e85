/**
 * An editor previews drafts in Chromium while a reader reads the same pages in another browser
 * context, then shares a link with someone who has no account: what each of them sees, that the
 * banner passes axe, and that nothing goes wrong on the way (console, requests, other hosts).
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'

import { shareLinkKey, signShareLink } from '@/lib/preview/share-links'

import { CLEAN, DEVICES, launchBrowser, PageGuard } from '../../helpers/browser'
import { datasetWith, lakeClient } from '../../helpers/lake'
import { type SiteWithLake, startSiteWithLake } from '../../helpers/site'

const SECRET = 'presentation-secret-for-the-browser-test-0001'
const CHANGED = {
  id: 'article-board-questions-cyber',
  path: '/insights/board-questions-cyber-risk',
  draft: 'Six questions every board should ask about cyber risk',
  published: 'Five questions every board should ask about cyber risk',
}
const DRAFT_ONLY_TITLE = /^Managers in the middle/

let running: SiteWithLake
let browser: Browser

beforeAll(async () => {
  const now = new Date().toISOString()
  running = await startSiteWithLake(
    datasetWith([
      {
        _id: 'sanity-preview-url-secret.browser',
        _type: 'sanity.previewUrlSecret',
        _createdAt: now,
        _updatedAt: now,
        secret: SECRET,
        studioUrl: '/studio',
      },
    ]),
  )
  browser = await launchBrowser()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await running?.stop()
})

async function open(device: keyof typeof DEVICES = 'desktop'): Promise<{ page: Page; guard: PageGuard; close: () => Promise<void> }> {
  const context = await browser.newContext({ ...DEVICES[device], baseURL: running.site.url })
  context.setDefaultTimeout(15_000)
  const guard = new PageGuard(context, running.site.url)
  // Leaving a page cancels what it still loads; that is not a failure.
  guard.allowCancelled((request) => request.method() === 'GET')
  return { page: await context.newPage(), guard, close: () => context.close() }
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 })

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

it('an editor previews drafts and follows links between them while a reader, at the same time, sees only what is published', async () => {
  const editor = await open()
  const reader = await open()
  try {
    const enable = `/api/draft-mode/enable?sanity-preview-secret=${SECRET}&sanity-preview-pathname=${encodeURIComponent(CHANGED.path)}`
    await editor.page.goto(enable)
    await expect(heading(editor.page).textContent()).resolves.toBe(CHANGED.draft)
    const banner = editor.page.getByRole('region', { name: 'Preview' })
    await expect(banner.textContent()).resolves.toMatch(/Previewing drafts/)
    await expect(editor.page.getByRole('note').textContent()).resolves.toMatch(/Changed since publishing/)
    await expectAccessible(editor.page)

    await reader.page.goto(CHANGED.path)
    await expect(heading(reader.page).textContent()).resolves.toBe(CHANGED.published)
    expect(await reader.page.getByRole('region', { name: 'Preview' }).count()).toBe(0)

    // From the draft to the listing, and on to an article that was never published.
    await editor.page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Insights', exact: true }).click()
    await editor.page.getByRole('link', { name: DRAFT_ONLY_TITLE }).first().click()
    await editor.page.getByRole('heading', { level: 1, name: DRAFT_ONLY_TITLE }).waitFor()
    await expect(editor.page.getByRole('note').textContent()).resolves.toMatch(/Draft only: never published/)

    // The reader's listing and the never-published address, meanwhile.
    await reader.page.goto('/insights')
    expect(await reader.page.getByRole('link', { name: DRAFT_ONLY_TITLE }).count()).toBe(0)
    reader.guard.expectNotFound('/insights/managers-in-the-middle')
    const missing = await reader.page.goto('/insights/managers-in-the-middle')
    expect(missing?.status()).toBe(404)

    // Leaving preview returns to the page, now as readers see it.
    await editor.page.goto(CHANGED.path)
    await editor.page.getByRole('link', { name: 'Exit preview' }).click()
    await editor.page.waitForURL((u) => u.pathname === CHANGED.path)
    await expect(heading(editor.page).textContent()).resolves.toBe(CHANGED.published)
    expect(await editor.page.getByRole('region', { name: 'Preview' }).count()).toBe(0)

    await editor.page.waitForLoadState('networkidle')
    await reader.page.waitForLoadState('networkidle')
    expect(editor.guard.report()).toEqual(CLEAN)
    expect(reader.guard.report()).toEqual(CLEAN)
  } finally {
    await editor.close()
    await reader.close()
  }
}, 120_000)

it('someone without an account opens a share link on a phone: the draft with its expiry, and nothing else in preview', async () => {
  const grant = `preview-grant.browser-${Date.now()}`
  const expires = Math.floor(Date.now() / 1000) + 3600
  await lakeClient(running.lake.url, { token: running.token }).create({
    _id: grant,
    _type: 'previewGrant',
    document: { _type: 'reference', _ref: CHANGED.id, _weak: true },
    createdAt: new Date().toISOString(),
    expiresAt: new Date(expires * 1000).toISOString(),
  })
  const token = signShareLink(shareLinkKey(undefined, running.token)!, { grant, document: CHANGED.id, expires })
  const guest = await open('mobile')
  try {
    await guest.page.goto(`/preview/${token}`)
    await expect(heading(guest.page).textContent()).resolves.toBe(CHANGED.draft)
    await expect(guest.page.getByRole('region', { name: 'Preview' }).textContent()).resolves.toMatch(/shared link, read-only · expires/)
    expect(await guest.page.getByRole('link', { name: 'Exit preview' }).count()).toBe(0)
    await expectAccessible(guest.page)
    expect(await guest.page.context().cookies()).toEqual([])

    await guest.page.goto(CHANGED.path)
    await expect(heading(guest.page).textContent()).resolves.toBe(CHANGED.published)
    expect(await guest.page.getByRole('region', { name: 'Preview' }).count()).toBe(0)
    await guest.page.waitForLoadState('networkidle')
    expect(guest.guard.report()).toEqual(CLEAN)
  } finally {
    await guest.close()
  }
}, 120_000)
