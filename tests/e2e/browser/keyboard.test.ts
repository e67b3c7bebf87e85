/**
 * A reader who uses only the keyboard: the skip link comes first and takes them to the content,
 * they always see where focus is, Tab reaches every link, button and field in reading order
 * (header, then main, then footer), and Tab never traps them.
 */
import type { Page } from 'playwright-core'

import { type BrowserSite, openReader, type Reader, startBrowserSite } from '../../helpers/browser'

const PAGES = [
  { kind: 'home', path: '/', title: 'Insights' },
  {
    kind: 'article',
    path: '/insights/shifting-position-of-leadership-digital-disruption',
    title: 'The shifting position of leadership in a time of digital disruption',
  },
]

/** What the focused element is, as a person would name it: where it sits, its role and its text. */
interface Stop {
  /** Index among the page's tab stops in document order; -1 for <body>, -2 for anything else. */
  index: number
  label: string
  region: 'header' | 'main' | 'footer' | 'elsewhere'
  focusRing: boolean
}

let site: BrowserSite
let reader: Reader

beforeAll(async () => {
  site = await startBrowserSite()
})
afterAll(async () => {
  await site?.stop()
})
beforeEach(async () => {
  reader = await openReader(site, 'desktop')
})
afterEach(async () => {
  await reader?.close()
})

async function open(page: Page, path: string, title: string): Promise<void> {
  await page.goto(path)
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor({ timeout: 10_000 })
  await page.waitForLoadState('load')
}

/**
 * Lists every element a keyboard user should reach (visible links, buttons and fields, in document
 * order) and remembers them in the page, so `focused()` can say which one has focus.
 */
async function tabStops(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"])'
    const stops = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (element) =>
        !element.matches(':disabled') && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden',
    )
    ;(window as unknown as { tabStops: HTMLElement[] }).tabStops = stops
    return stops.map(
      (element) =>
        `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ')}"`,
    )
  })
}

async function focused(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    const stops = (window as unknown as { tabStops: HTMLElement[] }).tabStops
    const index = !element || element === document.body ? -1 : stops.indexOf(element)
    const style = element ? getComputedStyle(element) : null
    const outline = !!style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    const shadow = !!style && style.boxShadow !== 'none'
    const region = element?.closest('main')
      ? 'main'
      : element?.closest('footer')
        ? 'footer'
        : element?.closest('header')
          ? 'header'
          : 'elsewhere'
    const name = (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim().replace(/\s+/g, ' ')
    return {
      index: index === -1 && element !== document.body ? -2 : index,
      label: element ? `${element.tagName.toLowerCase()} "${name}"` : 'nothing',
      region,
      focusRing: outline || shadow,
    } as const
  })
}

/** Presses Tab `times` times and reports where focus landed after each press. */
async function tab(page: Page, times: number): Promise<Stop[]> {
  const visited: Stop[] = []
  for (let press = 0; press < times; press++) {
    await page.keyboard.press('Tab')
    visited.push(await focused(page))
  }
  return visited
}

describe('a keyboard-only reader', () => {
  it('meets the skip link first, sees it, and lands in the main content with it', async () => {
    const { page } = reader
    await open(page, PAGES[1]!.path, PAGES[1]!.title)
    await tabStops(page)

    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Skip to content' })
    expect(await skipLink.evaluate((link) => link === document.activeElement)).toBe(true)
    const box = await skipLink.boundingBox()
    expect(box && box.y >= 0 && box.x >= 0).toBe(true)
    expect((await focused(page)).focusRing).toBe(true)

    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    expect(new URL(page.url()).hash).toBe('#main')

    // The next Tab continues from the start of the content, not from the top of the page.
    const [next] = await tab(page, 1)
    expect(next?.region).toBe('main')
  })

  it.each(PAGES)(
    'reaches every link, button and field of the $kind page by Tab, in reading order, with focus always visible',
    async ({ path, title }) => {
      const { page } = reader
      await open(page, path, title)
      const stops = await tabStops(page)
      expect(stops.length).toBeGreaterThan(10)

      const visited = await tab(page, stops.length)
      // Every stop, once, in document order: the labels make a failure say which link was skipped.
      expect(visited.map((stop) => stop.label)).toEqual(stops)
      expect(visited.map((stop) => stop.index)).toEqual(stops.map((_, index) => index))

      const regions = visited.map((stop) => stop.region).filter((region, i, all) => region !== all[i - 1])
      expect(regions).toEqual(['header', 'main', 'footer'])
      expect(visited.filter((stop) => !stop.focusRing).map((stop) => stop.label)).toEqual([])
    },
  )

  it.each(PAGES)(
    'is never trapped on the $kind page: Tab past the footer leaves the page and comes back to the skip link',
    async ({ path, title }) => {
      const { page } = reader
      await open(page, path, title)
      const stops = await tabStops(page)

      const visited = await tab(page, stops.length + 2)
      const [last, out, back] = visited.slice(-3)
      expect(last?.index).toBe(stops.length - 1)
      expect(out?.index).toBe(-1)
      expect(back?.label).toBe('a "Skip to content"')
    },
  )
})
