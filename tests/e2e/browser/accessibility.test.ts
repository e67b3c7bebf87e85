/**
 * Every kind of page passes axe-core's WCAG 2.0, 2.1 and 2.2 A/AA rules, in the light and the dark
 * colour scheme (the dark scheme swaps every colour, so contrast is checked twice), on a laptop and
 * on a phone (the narrow layout has its own sizes, wrapping and target spacing).
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

import { type BrowserSite, type Device, openReader, type Reader, type Scheme, startBrowserSite } from '../../helpers/browser'

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** One page of each kind, with the h1 a reader sees once it has rendered. */
const PAGES = [
  { kind: 'home', path: '/', title: 'Insights' },
  { kind: 'insights listing', path: '/insights', title: 'All insights' },
  { kind: 'insights listing, page 2', path: '/insights?page=2', title: 'All insights' },
  {
    kind: 'article',
    path: '/insights/shifting-position-of-leadership-digital-disruption',
    title: 'The shifting position of leadership in a time of digital disruption',
  },
  { kind: 'author', path: '/authors/jennifer-jordan', title: 'Jennifer Jordan' },
  { kind: 'topic', path: '/topics/leadership', title: 'Leadership' },
  { kind: 'research', path: '/research', title: 'Research' },
  { kind: 'search results', path: '/search?q=leadership', title: 'Search' },
  { kind: 'not found', path: '/no/such/page', title: 'Page not found' },
  { kind: 'unknown article', path: '/insights/no-such-article', title: 'Page not found' },
]

let site: BrowserSite

beforeAll(async () => {
  site = await startBrowserSite()
})
afterAll(async () => {
  await site?.stop()
})

/** Elements listed per rule; the rest are counted, since one wrong colour can fail dozens. */
const SHOWN_ELEMENTS = 5

/** axe's findings, one line per rule and one indented line per element, for a readable failure. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze()
  return results.violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, SHOWN_ELEMENTS)
      .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
    const more = violation.nodes.length > SHOWN_ELEMENTS ? [`    ...and ${violation.nodes.length - SHOWN_ELEMENTS} more`] : []
    return [`${violation.id} (${violation.impact}): ${violation.help} (${violation.helpUrl})`, ...nodes, ...more].join('\n')
  })
}

const READERS: [Device, Scheme][] = [
  ['desktop', 'light'],
  ['desktop', 'dark'],
  ['mobile', 'light'],
  ['mobile', 'dark'],
]

describe.each(READERS)('on %s in the %s colour scheme', (device, scheme) => {
  let reader: Reader
  beforeAll(async () => {
    reader = await openReader(site, device, scheme)
  })
  afterAll(async () => {
    await reader?.close()
  })

  it.each(PAGES)('the $kind page has no WCAG 2.2 AA violations', async ({ path, title }) => {
    const { page } = reader
    await page.goto(path)
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor({ timeout: 10_000 })
    // Not 'networkidle': Chromium revalidates cached prefetches in the background (the site sends
    // stale-while-revalidate), and those requests can idle for half a minute. Contrast needs the fonts.
    await page.waitForLoadState('load')
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark')
    expect(await violations(page)).toEqual([])
  })
})
