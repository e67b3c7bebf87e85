/**
 * How the seed article looks on a laptop and a phone, light and dark: the words sit on one left
 * edge, nothing scrolls sideways, images fit their column and the screen, and nothing jumps while
 * the page loads. INSIGHTS_SCREENSHOTS=<folder> also saves a full-page screenshot of each, to look at.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Page } from 'playwright-core'

import { type BrowserSite, CLEAN, type Device, openReader, type Reader, type Scheme, startBrowserSite } from '../../helpers/browser'

const SEED = {
  path: '/insights/shifting-position-of-leadership-digital-disruption',
  title: 'The shifting position of leadership in a time of digital disruption',
  standfirst: 'How to “lead from behind”',
  firstWords: 'Ask a senior executive to run a digital transformation',
}
const SCREENSHOTS = process.env.INSIGHTS_SCREENSHOTS

const READERS: [Device, Scheme][] = [
  ['desktop', 'light'],
  ['desktop', 'dark'],
  ['mobile', 'light'],
  ['mobile', 'dark'],
]

let site: BrowserSite

beforeAll(async () => {
  site = await startBrowserSite()
})
afterAll(async () => {
  await site?.stop()
})

/** Opens the article and reads it to the end, so every lazy image has loaded and settled. */
async function readWholeArticle(page: Page): Promise<void> {
  await page.goto(SEED.path)
  await page.getByRole('heading', { level: 1, name: SEED.title }).waitFor({ timeout: 10_000 })
  await page.waitForLoadState('load')
  // 'instant': the site scrolls smoothly for readers who have not asked for reduced motion.
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo({ top: y, behavior: 'instant' })
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    scrollTo({ top: 0, behavior: 'instant' })
  })
  await page.waitForFunction(() => [...document.images].every((image) => image.complete), undefined, { timeout: 10_000 })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
}

/** Cumulative layout shift since the page started loading (what Core Web Vitals calls CLS). */
function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value
          }
        }).observe({ type: 'layout-shift', buffered: true })
        setTimeout(() => resolve(total), 100)
      }),
  )
}

describe.each(READERS)('the seed article on %s in the %s colour scheme', (device, scheme) => {
  let reader: Reader
  beforeAll(async () => {
    reader = await openReader(site, device, scheme)
    await readWholeArticle(reader.page)
    if (SCREENSHOTS) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true })
      await reader.page.screenshot({ path: path.join(SCREENSHOTS, `article-${device}-${scheme}.png`), fullPage: true, scale: 'css' })
    }
  })
  afterAll(async () => {
    await reader?.close()
  })

  it('sets the topics, title, standfirst, meta, authors, body and bio on one left edge', async () => {
    const { page } = reader
    const header = page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) })
    const parts = {
      topics: header.getByRole('list', { name: 'Topics' }),
      title: page.getByRole('heading', { level: 1 }),
      standfirst: header.getByText(SEED.standfirst),
      meta: header.locator('p', { hasText: '3 min.' }),
      authors: header.getByRole('list', { name: 'Authors' }),
      body: page.getByText(SEED.firstWords),
      bio: page.getByRole('heading', { level: 2, name: 'About the author' }),
    }
    const edges: Record<string, number | undefined> = {}
    for (const [name, locator] of Object.entries(parts)) {
      const box = await locator.boundingBox()
      edges[name] = box ? Math.round(box.x) : undefined
    }
    expect(edges).toEqual(Object.fromEntries(Object.keys(parts).map((name) => [name, edges.body])))
  })

  it('never scrolls sideways', async () => {
    const { page } = reader
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: innerWidth }))
    expect(widths.page).toBeLessThanOrEqual(widths.screen)
  })

  it('fits every image in its column, and the lead image on one screen', async () => {
    const { page } = reader
    const images = await page.getByRole('main').getByRole('img').all()
    expect(images.length).toBeGreaterThan(0)
    const screen = page.viewportSize() ?? { width: 0, height: 0 }
    const tooBig: string[] = []
    for (const image of images) {
      const fits = await image.evaluate((img) => {
        const box = img.getBoundingClientRect()
        const column = img.parentElement?.getBoundingClientRect()
        return !!column && box.width <= column.width + 0.5 && box.width > 0
      })
      if (!fits) tooBig.push((await image.getAttribute('alt')) ?? '(no alt)')
    }
    expect(tooBig).toEqual([])
    const lead = await images[0]!.boundingBox()
    expect(lead?.width).toBeLessThanOrEqual(screen.width)
    expect(lead?.height).toBeLessThanOrEqual(screen.height * 0.75)
  })

  it('does not shift the layout while images and fonts load', async () => {
    expect(await layoutShift(reader.page)).toBeLessThan(0.01)
  })

  it('loads and reads without errors', () => {
    expect(reader.guard.report()).toEqual(CLEAN)
  })
})
