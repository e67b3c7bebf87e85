/**
 * The site header and the search page on a phone (390 px) and a laptop: on the phone the header is
 * one line (title and links, the links scrolling sideways) plus the search; nothing scrolls the
 * page sideways; every link of the menu can be reached; the search page's form is the site's own.
 */
import type { Page } from 'playwright-core'

import { type BrowserSite, CLEAN, type Device, openReader, type Reader, startBrowserSite } from '../../helpers/browser'

let site: BrowserSite

beforeAll(async () => {
  site = await startBrowserSite()
})
afterAll(async () => {
  await site?.stop()
})

const PAGES = ['/', '/search?q=leadership', '/insights/shifting-position-of-leadership-digital-disruption']

/** The header's parts, as laid out. */
async function headerBoxes(page: Page) {
  const header = page.locator('header.site-header')
  const box = async (selector: string) => (await header.locator(selector).first().boundingBox())!
  return {
    header: (await header.boundingBox())!,
    title: await box('.site-title'),
    nav: await box('nav[aria-label="Primary"]'),
    search: await box('form[role="search"]'),
  }
}

describe.each<Device>(['mobile', 'desktop'])('on a %s', (device) => {
  let reader: Reader
  beforeAll(async () => {
    reader = await openReader(site, device)
    // These checks go from page to page without reading each to the end: leaving one cancels what
    // it still fetched (link prefetches, the tab's icon). Not failures; 4xx, 5xx and errors still are.
    reader.guard.allowCancelled((request) => request.method() === 'GET')
  })
  afterAll(async () => {
    await reader?.close()
  })

  it.each(PAGES)(
    '%s: the header is the title and links on one line, then the search (on a phone); nothing scrolls sideways',
    async (path) => {
      const { page } = reader
      await page.goto(path)
      await page.waitForLoadState('load')
      const boxes = await headerBoxes(page)
      const middle = (box: { y: number; height: number }) => box.y + box.height / 2
      // Title and links share a line.
      expect(Math.abs(middle(boxes.nav) - middle(boxes.title))).toBeLessThan(12)
      if (device === 'mobile') {
        // The search is on the next line, and that is all.
        expect(boxes.search.y).toBeGreaterThanOrEqual(boxes.title.y + boxes.title.height - 1)
        expect(boxes.header.height).toBeLessThanOrEqual(boxes.title.height + boxes.search.height + 48)
      }
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: innerWidth }))
      expect(widths.page).toBeLessThanOrEqual(widths.screen)
    },
  )

  it('every link of the header menu can be reached and followed', async () => {
    const { page } = reader
    await page.goto('/')
    const links = page.getByRole('navigation', { name: 'Primary' }).getByRole('link')
    const count = await links.count()
    expect(count).toBeGreaterThanOrEqual(5)
    const last = links.nth(count - 1)
    const href = await last.getAttribute('href')
    await last.scrollIntoViewIfNeeded()
    expect(await last.isVisible()).toBe(true)
    const box = (await last.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width + 0.5)
    await Promise.all([page.waitForURL((url) => url.pathname === href), last.click()])
  })

  it('the search boxes stand where they end up while the page is still arriving (the button not parsed yet)', async () => {
    // A browser draws a page before all of its HTML is there; the parser may have stopped between a
    // form's input and its button. Taking the buttons out is that moment: no box may move.
    const { page } = reader
    await page.goto('/search?q=leadership')
    const inputs = page.locator('form[role="search"] input')
    expect(await inputs.count()).toBe(2)
    const boxes = () => inputs.evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
    const whole = await boxes()
    await page.locator('form[role="search"] button').evaluateAll((buttons) => buttons.forEach((button) => button.remove()))
    const arriving = await boxes()
    for (const [i, box] of whole.entries()) {
      expect({ x: arriving[i]!.x, y: arriving[i]!.y }).toEqual({ x: box.x, y: box.y })
    }
  })

  it("the search page's form uses the site's type, field and button styles", async () => {
    const { page } = reader
    await page.goto('/search?q=leadership')
    const form = page.getByRole('search', { name: 'Search insights' })
    const style = async (selector: string) =>
      form.locator(selector).evaluate((element) => {
        const s = getComputedStyle(element)
        return { font: s.fontFamily, border: s.borderTopWidth, radius: s.borderTopLeftRadius, background: s.backgroundColor }
      })
    const header = page.locator('header form[role="search"]')
    const headerButton = await header.locator('button').evaluate((element) => getComputedStyle(element).backgroundColor)
    const [input, button, label] = [await style('input'), await style('button'), await style('label')]
    expect(input.font).toBe(label.font)
    expect(input.font).not.toMatch(/^(Arial|serif|-webkit)/)
    expect(input.radius).toBe('4px')
    expect(button.background).toBe(headerButton)
    const inputBox = (await form.locator('input').boundingBox())!
    const buttonBox = (await form.locator('button').boundingBox())!
    // Field and button side by side, the same height.
    expect(Math.abs(inputBox.y - buttonBox.y)).toBeLessThan(2)
    expect(Math.abs(inputBox.height - buttonBox.height)).toBeLessThan(2)
  })

  it('loads without errors', () => {
    expect(reader.guard.report()).toEqual(CLEAN)
  })
})
