/**
 * Publishing on the built site, embedded default, wired as `npm start` wires it (the lake's signed
 * webhook to /api/revalidate): each kind of change reaches, within 5 s, every page that shows it,
 * and leaves a page that does not show it in the cache. A forged or replayed webhook changes nothing.
 */
import { encodeSignatureHeader } from '@sanity/webhook'

import { getPage } from '../helpers/html'
import { datasetWith, lakeClient } from '../helpers/lake'
import { type SiteWithLake, startSiteWithLake } from '../helpers/site'

const SEED = { id: 'article-shifting-position-of-leadership', slug: 'shifting-position-of-leadership-digital-disruption' }
/** Another author, another topic, not related to the seed either way. */
const UNRELATED = '/insights/strategy-in-the-fog'

let running: SiteWithLake
const url = (path: string) => `${running.site.url}${path}`
const client = () => lakeClient(running.lake.url, { token: running.token })

beforeAll(async () => {
  running = await startSiteWithLake(datasetWith([]))
  // Every page the tests read, rendered once, so later answers come from the cache unless revalidated.
  for (const path of [
    `/insights/${SEED.slug}`,
    '/insights',
    '/topics/leadership',
    '/authors/jennifer-jordan',
    UNRELATED,
    '/feeds/rss.xml',
  ]) {
    await (await fetch(url(path))).text()
    await (await fetch(url(path))).text()
  }
}, 120_000)
afterAll(async () => {
  await running?.stop()
})

/** The /insights page (12 a page, newest first) that lists the seed article. */
async function insightsPageOfSeed(): Promise<string> {
  const newer = await client().fetch<number>(
    'count(*[_type == "article" && !(_id in path("drafts.**")) && publishedAt > *[_id == $id][0].publishedAt])',
    { id: SEED.id },
  )
  const page = Math.floor(newer / 12) + 1
  return page === 1 ? '/insights' : `/insights?page=${page}`
}

/** Polls `path` until its HTML satisfies `check`, for at most 5 s; fails naming the page. */
async function within5s(path: string, check: (html: string, status: number) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const response = await fetch(url(path))
    const html = await response.text()
    if (check(html, response.status)) return
    if (Date.now() > deadline) throw new Error(`${path} did not show the change within 5 s (status ${response.status})`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The unrelated article page is still served from the cache, with no regeneration behind it. */
async function expectUnrelatedFromCache(): Promise<void> {
  const response = await fetch(url(UNRELATED))
  await response.text()
  expect(response.headers.get('x-nextjs-cache')).toBe('HIT')
}

/**
 * Lets the unrelated page finish regenerating: a topic's rename reaches every article that may
 * show one of its articles as related, and that may include it.
 */
async function settleUnrelated(): Promise<void> {
  const deadline = Date.now() + 5_000
  while ((await fetch(url(UNRELATED))).headers.get('x-nextjs-cache') !== 'HIT' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it("an article's new title reaches its page, /insights, its topic and author pages and the feed; an unrelated article stays cached", async () => {
  const title = 'Leadership, retitled on publish'
  await client().patch(SEED.id).set({ title }).commit()
  await within5s(`/insights/${SEED.slug}`, (html) => html.includes(title))
  await within5s(await insightsPageOfSeed(), (html) => html.includes(title))
  await within5s('/topics/leadership', (html) => html.includes(title))
  await within5s('/authors/jennifer-jordan', (html) => html.includes(title))
  await within5s('/feeds/rss.xml', (html) => html.includes(title))
  await expectUnrelatedFromCache()
}, 60_000)

it("an author's new role reaches their page and their article's page, and no other article", async () => {
  const role = 'Professor of Learning Organisations'
  await client().patch('author-jennifer-jordan').set({ role }).commit()
  await within5s('/authors/jennifer-jordan', (html) => html.includes(role))
  await within5s(`/insights/${SEED.slug}`, (html) => html.includes(role))
  await expectUnrelatedFromCache()
}, 60_000)

it("a topic's new title reaches the topic page and the pages of its articles", async () => {
  await client().patch('topic-leadership').set({ title: 'Leading people' }).commit()
  await within5s('/topics/leadership', (html) => html.includes('Leading people'))
  await within5s(`/insights/${SEED.slug}`, (html) => html.includes('Leading people'))
}, 60_000)

it('a slug change serves the new URL and the old one answers 404', async () => {
  const slug = 'leadership-in-digital-disruption'
  await client()
    .patch(SEED.id)
    .set({ slug: { _type: 'slug', current: slug } })
    .commit()
  await within5s(`/insights/${slug}`, (_, status) => status === 200)
  await within5s(`/insights/${SEED.slug}`, (_, status) => status === 404)
  const listing = await insightsPageOfSeed()
  await within5s(listing, (html) => html.includes(`/insights/${slug}"`) && !html.includes(`/insights/${SEED.slug}"`))
  SEED.slug = slug
}, 60_000)

/** Polls `path` (not following redirects) until it answers a 308 to `location`, for at most 5 s. */
async function redirectsWithin5s(path: string, location: string): Promise<void> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const response = await fetch(url(path), { redirect: 'manual' })
    await response.arrayBuffer()
    if (response.status === 308 && response.headers.get('location') === location) return
    if (Date.now() > deadline)
      throw new Error(`${path} did not redirect to ${location} within 5 s (status ${response.status}, ${response.headers.get('location')})`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it('a slug change that keeps the old slugs (previousSlugs): each old URL answers 308 to the new one', async () => {
  const original = 'shifting-position-of-leadership-digital-disruption'
  const slug = 'leadership-when-disrupted'
  // The original URL has answered 404 since the last change, and that answer is cached.
  await within5s(`/insights/${original}`, (_, status) => status === 404)
  await settleUnrelated()
  await client()
    .patch(SEED.id)
    .set({ slug: { _type: 'slug', current: slug }, previousSlugs: [SEED.slug, original] })
    .commit()
  await within5s(`/insights/${slug}`, (_, status) => status === 200)
  await redirectsWithin5s(`/insights/${SEED.slug}`, `/insights/${slug}`)
  await redirectsWithin5s(`/insights/${original}`, `/insights/${slug}`)
  const followed = await fetch(url(`/insights/${original}`))
  expect({ status: followed.status, url: new URL(followed.url).pathname }).toEqual({ status: 200, url: `/insights/${slug}` })
  await expectUnrelatedFromCache()
  SEED.slug = slug
}, 60_000)

it('unpublishing makes the page 404 and takes it out of /insights, the feed and the sitemap', async () => {
  const listing = await insightsPageOfSeed()
  // Listed everywhere before (so the checks below can fail).
  await within5s(listing, (html) => html.includes(`/insights/${SEED.slug}"`))
  await within5s('/feeds/rss.xml', (html) => html.includes(`/insights/${SEED.slug}<`))
  await within5s('/sitemap.xml', (html) => html.includes(`/insights/${SEED.slug}<`))
  const doc = await client().getDocument(SEED.id)
  await client()
    .transaction()
    .createOrReplace({ ...doc!, _id: `drafts.${SEED.id}` })
    .delete(SEED.id)
    .commit()
  await within5s(`/insights/${SEED.slug}`, (_, status) => status === 404)
  // Its old slugs no longer lead anywhere.
  await within5s('/insights/shifting-position-of-leadership-digital-disruption', (_, status) => status === 404)
  await within5s(listing, (html) => !html.includes(`/insights/${SEED.slug}"`))
  await within5s('/feeds/rss.xml', (html) => !html.includes(`/insights/${SEED.slug}<`))
  await within5s('/sitemap.xml', (html) => !html.includes(`/insights/${SEED.slug}<`))
}, 60_000)

it('a forged or replayed webhook changes nothing', async () => {
  await settleUnrelated()
  const before = (await getPage(url(UNRELATED))).html
  const body = JSON.stringify({ _id: 'article-strategy-in-the-fog', _type: 'article', slug: 'strategy-in-the-fog' })
  const forged = await fetch(url('/api/revalidate'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), 'not-the-secret'),
    },
    body,
  })
  expect(forged.status).toBe(401)
  const old = await fetch(url('/api/revalidate'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // Signed with the right secret ten minutes ago: a replay.
      'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now() - 10 * 60_000, running.secret),
    },
    body,
  })
  expect(old.status).toBe(401)
  await expectUnrelatedFromCache()
  expect((await getPage(url(UNRELATED))).html).toBe(before)
}, 60_000)
