/**
 * A reader's journeys through the built site in Chromium, on a laptop and on a phone: clicking (or
 * tapping) the links they would and reading what they would read. Every journey is also watched
 * for console errors, page errors, failed or error requests and requests that leave the site.
 */
import type { Locator, Page } from 'playwright-core'

import { type BrowserSite, CLEAN, type Device, openReader, type Reader, startBrowserSite } from '../../helpers/browser'

const SEED = {
  title: 'The shifting position of leadership in a time of digital disruption',
  standfirst: 'How to “lead from behind”',
  readingTime: '3 min.',
  published: 'August 2018',
  author: 'Jennifer Jordan',
  bio: 'Jennifer Jordan is Professor of Leadership and Organizational Behavior at IMD.',
  topic: 'Digital transformation',
}
const HUB = 'Research Information & Knowledge Hub'
const LATEST_RESEARCH = 'Discover our latest research'

let site: BrowserSite

beforeAll(async () => {
  site = await startBrowserSite()
})
afterAll(async () => {
  await site?.stop()
})

/** Waits for the page's h1 to read `name`: after a click, the next page loads. */
async function seeTitle(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor()
}

function primaryLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name, exact: true })
}

/** Nothing went wrong on the way: no errors anywhere and no request to another host. */
async function expectCleanJourney({ page, guard }: Reader): Promise<void> {
  await page.waitForLoadState('networkidle')
  expect(guard.report()).toEqual(CLEAN)
}

describe.each<Device>(['desktop', 'mobile'])('a reader on %s', (device) => {
  let reader: Reader
  /**
   * A reader on a phone taps a link; on a laptop they click it. They read the page first: a link
   * loads the next page, and leaving a page whose images are still coming cancels them.
   */
  const follow = async (link: Locator) => {
    await link.page().waitForLoadState('networkidle')
    await (device === 'mobile' ? link.tap() : link.click())
  }

  beforeEach(async () => {
    reader = await openReader(site, device)
    // A link loads the next page, and tapping one scrolls it into view first: the lazy images that
    // come into view start loading and are cancelled (net::ERR_ABORTED) as the page is left. An
    // image the site fails to serve still fails the journey (as an error response).
    reader.guard.allowCancelled((request) => request.resourceType() === 'image')
  })
  afterEach(async () => {
    await reader?.close()
  })

  it('finds every primary navigation link on screen (on a phone, scrolling the header line sideways), without opening a menu', async () => {
    const { page } = reader
    await page.goto('/')
    const links = page.getByRole('navigation', { name: 'Primary' }).getByRole('link')
    expect(await links.allInnerTexts()).toEqual(['Insights', 'Leadership', 'Strategy', 'Finance', 'Digital', 'Sustainability', 'Research'])
    const screen = page.viewportSize() ?? { width: 0, height: 0 }
    const offScreen: string[] = []
    for (const link of await links.all()) {
      await link.scrollIntoViewIfNeeded()
      const box = await link.boundingBox()
      const seen = box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= screen.width && box.y + box.height <= screen.height
      if (!seen) offScreen.push(await link.innerText())
    }
    expect(offScreen).toEqual([])
    await expectCleanJourney(reader)
  })

  it('goes from home to the listing, page 2, the seed article, its author, a topic, research and back home', async () => {
    const { page } = reader
    await page.goto('/')
    await seeTitle(page, 'Insights')

    await follow(primaryLink(page, 'Insights'))
    await seeTitle(page, 'All insights')

    await follow(page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next' }))
    await page.getByText('Page 2 of 2').waitFor()
    expect(new URL(page.url()).searchParams.get('page')).toBe('2')

    await follow(page.getByRole('link', { name: SEED.title }))
    await seeTitle(page, SEED.title)
    const articleHeader = page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) })
    expect(await articleHeader.getByText(SEED.standfirst, { exact: true }).isVisible()).toBe(true)
    expect(await articleHeader.getByText(SEED.readingTime, { exact: true }).isVisible()).toBe(true)
    expect(await articleHeader.getByText(SEED.published, { exact: true }).isVisible()).toBe(true)
    expect(await page.getByRole('region', { name: 'About the author' }).getByText(SEED.bio).isVisible()).toBe(true)
    const latestResearch = page.getByRole('region', { name: LATEST_RESEARCH })
    expect(await latestResearch.getByRole('heading', { level: 2 }).innerText()).toBe(LATEST_RESEARCH)
    expect(await latestResearch.getByRole('link', { name: HUB }).isVisible()).toBe(true)

    await follow(page.getByRole('list', { name: 'Authors' }).getByRole('link', { name: SEED.author }))
    await seeTitle(page, SEED.author)
    const theirArticles = page.getByRole('region', { name: `Articles by ${SEED.author}` })
    expect(await theirArticles.getByRole('link', { name: SEED.title }).isVisible()).toBe(true)

    await follow(theirArticles.getByRole('link', { name: SEED.topic, exact: true }).first())
    await seeTitle(page, SEED.topic)
    expect(await page.getByRole('main').getByRole('link', { name: SEED.title }).isVisible()).toBe(true)

    await follow(primaryLink(page, 'Research'))
    await seeTitle(page, 'Research')
    expect(await page.getByRole('main').getByRole('link', { name: HUB }).isVisible()).toBe(true)

    await follow(page.getByRole('link', { name: 'Insights: home' }))
    await seeTitle(page, 'Insights')
    expect(await page.getByRole('heading', { level: 2, name: LATEST_RESEARCH }).isVisible()).toBe(true)
    expect(new URL(page.url()).pathname).toBe('/')

    await expectCleanJourney(reader)
  })

  it('reads a page without running a script or fetching another page, and following a link loads that one page', async () => {
    const { page } = reader
    const fetched: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (request.resourceType() === 'script') fetched.push(`script ${url.pathname}`)
      if (url.searchParams.has('_rsc') || request.headers()['rsc']) fetched.push(`page data ${url.pathname}`)
      if (request.resourceType() === 'document') fetched.push(`page ${url.pathname}`)
    })
    await page.goto('/')
    await page.waitForLoadState('networkidle')
    // The home page shows the header's links and a dozen cards: reading it asks for none of them, and runs nothing.
    expect(fetched).toEqual(['page /'])
    expect(await page.evaluate(() => document.scripts.length)).toBe(1) // the JSON-LD block
    await follow(page.getByRole('main').getByRole('link', { name: 'All insights', exact: true }))
    await seeTitle(page, 'All insights')
    await page.waitForLoadState('networkidle')
    expect(fetched).toEqual(['page /', 'page /insights'])
    await expectCleanJourney(reader)
  })

  it('sees "Page not found" at an unknown URL and an unknown article, and finds the way back', async () => {
    const { page, guard } = reader
    for (const path of ['/no/such/page', '/insights/no-such-article']) {
      guard.expectNotFound(path)
      const response = await page.goto(path)
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 })
      await seeTitle(page, 'Page not found')
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true)
      // Read the page to the end before typing the next address, so leaving cancels nothing.
      await page.waitForLoadState('networkidle')
    }
    await follow(page.getByRole('link', { name: 'Browse all insights' }))
    await seeTitle(page, 'All insights')
    await expectCleanJourney(reader)
  })
})
