/**
 * The fallback faces (app/globals.css) take the web fonts' room. A reader's first page is drawn in
 * the fallback when the web fonts are not in the browser yet (font-display: optional); when they
 * arrive before the first paint, the browser lays the page out again in them. Either way nothing may
 * move: each heading, standfirst, card title and the header must take as many lines in the fallback
 * as in the web font, on a phone, where lines are shortest.
 */
import type { Page } from 'playwright-core'

import { type BrowserSite, DEVICES, startBrowserSite } from '../../helpers/browser'

const PAGES = ['/', '/insights', '/insights/shifting-position-of-leadership-digital-disruption', '/search?q=leadership']
/** What a reader sees first and what moves the rest of the page when its line count changes. */
const BLOCKS = [
  'header.site-header',
  'h1',
  'h2',
  'h3',
  '.lead',
  '.card__standfirst',
  '.card__authors',
  '.article-meta',
  '.topics',
  '.search-hit__standfirst',
]

let site: BrowserSite

beforeAll(async () => {
  site = await startBrowserSite()
})
afterAll(async () => {
  await site?.stop()
})

type Face = 'fallback' | 'web font'

/** The blocks' heights in one face; `fallback`: the web font files are refused. */
async function layout(
  path: string,
  face: Face,
): Promise<{ heights: Record<string, number>; fonts: string[]; drawn: string[]; searchBox: number[] }> {
  const context = await site.browser.newContext({ ...DEVICES.mobile, baseURL: site.url })
  try {
    const page = await context.newPage()
    if (face === 'fallback') await page.route(/\.woff2$/, (route) => route.abort())
    await page.goto(path)
    await page.waitForLoadState('load')
    if (face === 'web font') {
      // With `optional` the first view may keep the fallback; the second has the fonts in cache and uses them.
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      await page.reload()
      await page.waitForLoadState('load')
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    return {
      heights: await blockHeights(page),
      fonts: await facesDrawn(page),
      drawn: await platformFonts(page, ['h1', '.site-title']),
      searchBox: await page.evaluate(() => {
        const box = document.getElementById('site-search-q')!.getBoundingClientRect()
        return [box.x, box.y, box.width].map((value) => Math.round(value * 10) / 10)
      }),
    }
  } finally {
    await context.close()
  }
}

function blockHeights(page: Page): Promise<Record<string, number>> {
  return page.evaluate((selectors) => {
    const heights: Record<string, number> = {}
    for (const selector of selectors) {
      document.querySelectorAll(selector).forEach((element, i) => {
        const text = (element.textContent ?? '').trim().slice(0, 32)
        heights[`${selector} #${i} "${text}"`] = Math.round(element.getBoundingClientRect().height)
      })
    }
    return heights
  }, BLOCKS)
}

/** The web font families the page has loaded (next/font names them after the variable: `serif`, `sans`). */
function facesDrawn(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.fonts]
      .filter((font) => font.status === 'loaded' && !/Fallback/.test(font.family))
      .map((font) => font.family)
      .sort(),
  )
}

/** The fonts the browser drew each element's text with (DevTools' "Rendered fonts"). */
async function platformFonts(page: Page, selectors: string[]): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const { root } = await cdp.send('DOM.getDocument', {})
  const families: string[] = []
  for (const selector of selectors) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    if (!nodeId) continue
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    families.push(...fonts.map((font) => `${selector}: ${font.familyName}`))
  }
  await cdp.detach()
  return families
}

it.each(PAGES)('%s takes the same lines in the fallback faces as in the web fonts (phone)', async (path) => {
  const [fallback, web] = [await layout(path, 'fallback'), await layout(path, 'web font')]
  // The two layouts really are in different faces.
  expect(fallback.fonts).toEqual([])
  expect(web.fonts.length).toBeGreaterThanOrEqual(2)
  // The fallback is the site's fallback face on a metric twin of Times New Roman (CI installs
  // Liberation), not whatever the system calls its default serif.
  const twins = /^(h1|\.site-title): (Times New Roman|Liberation Serif|Tinos)$/
  expect(fallback.drawn.filter((font) => !twins.test(font))).toEqual([])
  expect(fallback.drawn.length).toBeGreaterThan(0)
  expect(web.drawn.filter((font) => !/: Source Serif 4$/.test(font))).toEqual([])
  expect(Object.keys(fallback.heights).length).toBeGreaterThan(3)
  expect(Object.keys(web.heights)).toEqual(Object.keys(fallback.heights))
  // A line is 20 px or more: 4 px allows for rounding and the faces' own ascent, never a line more or less.
  const moved = Object.entries(fallback.heights)
    .filter(([block, height]) => Math.abs(height - web.heights[block]!) > 4)
    .map(([block, height]) => `${block}: ${height} px in the fallback, ${web.heights[block]} px in the web font`)
  expect(moved).toEqual([])
  // The header's search box beside its button stays put whichever face draws the button's label.
  expect(fallback.searchBox).toEqual(web.searchBox)
})
