/**
 * Two instances of the built site, each from its own copy of the build (as on two machines: they
 * share nothing but Redis and the content source), one Redis (REDIS_URL: server/cache-handler.mjs)
 * and one lake whose revalidation webhook reaches instance A only.
 */
import { startLake, type Lake } from '@/lake'
import { revalidateWebhook } from '@/lib/revalidate/lake-webhook'

import { datasetWith, lakeClient, testLakeToken } from '../helpers/lake'
import { freePort } from '../helpers/ports'
import { type RunningRedis, startRedis } from '../helpers/redis'
import { type RunningSite, startSite } from '../helpers/site'

/** The seed article, and one that shows nothing of it (another author, another topic, not related either way). */
const CHANGED = { id: 'article-shifting-position-of-leadership', path: '/insights/shifting-position-of-leadership-digital-disruption' }
const UNRELATED = '/insights/strategy-in-the-fog'

let redis: RunningRedis
let lake: Lake
let a: RunningSite
let b: RunningSite
let token: string

beforeAll(async () => {
  redis = await startRedis()
  token = testLakeToken()
  const secret = `scale-out-${Math.random().toString(36).slice(2)}-secret`
  const portA = await freePort()
  lake = await startLake({
    token,
    port: 0,
    datasets: { production: datasetWith([]) },
    watch: false,
    log: () => {},
    webhooks: [revalidateWebhook(`http://127.0.0.1:${portA}`, secret)],
  })
  const env = { SANITY_REVALIDATE_SECRET: secret, SANITY_LAKE_TOKEN: token, REDIS_URL: redis.url }
  a = await startSite(lake.url, env, { port: portA })
  b = await startSite(lake.url, env)
}, 120_000)

afterAll(async () => {
  await a?.stop()
  await b?.stop()
  await lake?.close()
  await redis?.stop()
})

const editor = () => lakeClient(lake.url, { token })

async function get(site: RunningSite, path: string) {
  const response = await fetch(`${site.url}${path}`)
  const html = await response.text()
  return { status: response.status, cache: response.headers.get('x-nextjs-cache'), html }
}

/** Polls until `check` holds, for at most `seconds`; fails saying what. */
async function within(seconds: number, what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${seconds} s`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it('a page rendered by A is a HIT on B, which never rendered it', async () => {
  // A new article: no build prerendered it, so only a render (A's) can have put it in a cache.
  const seed = await editor().getDocument(CHANGED.id)
  const fresh = { ...seed!, _id: 'article-rendered-by-a', title: 'Rendered by A', slug: { _type: 'slug', current: 'rendered-by-a' } }
  await editor().create(fresh, { visibility: 'sync' })
  const first = await get(a, '/insights/rendered-by-a')
  expect(first).toMatchObject({ status: 200, cache: 'MISS' })
  await within(5, 'the page cached by A', async () => (await get(a, '/insights/rendered-by-a')).cache === 'HIT')
  const onB = await get(b, '/insights/rendered-by-a')
  expect(onB).toMatchObject({ status: 200, cache: 'HIT' })
  expect(onB.html).toContain('Rendered by A')
}, 60_000)

it('a publish whose webhook reaches A only is on B within 5 s; an unrelated article stays a HIT on both', async () => {
  for (const site of [a, b]) {
    await get(site, UNRELATED)
    await within(5, `the unrelated article cached on ${site.url}`, async () => (await get(site, UNRELATED)).cache === 'HIT')
  }
  await editor().patch(CHANGED.id).set({ title: 'Leading from behind, revised' }).commit({ visibility: 'sync' })
  await within(5, 'the new title on B', async () => (await get(b, CHANGED.path)).html.includes('Leading from behind, revised'))
  expect((await get(a, CHANGED.path)).html).toContain('Leading from behind, revised')
  for (const site of [a, b]) expect((await get(site, UNRELATED)).cache).toBe('HIT')
}, 60_000)

it('keeps answering while Redis is down, and after it is back a publish reaches both again', async () => {
  await redis.stop()
  for (const site of [a, b]) {
    // Warm pages from the instance's own memory; a page nobody asked for yet is rendered.
    expect((await get(site, CHANGED.path)).status).toBe(200)
    expect((await get(site, UNRELATED)).status).toBe(200)
    expect((await get(site, '/insights/decision-speed-executive-teams')).status).toBe(200)
    expect((await get(site, '/')).status).toBe(200)
  }
  await redis.restart()
  await within(10, 'both instances back on Redis', async () => a.output().includes('is back') && b.output().includes('is back'))
  await editor().patch(CHANGED.id).set({ title: 'Leading from behind, third take' }).commit({ visibility: 'sync' })
  for (const site of [a, b]) {
    await within(5, `the third title on ${site.url}`, async () =>
      (await get(site, CHANGED.path)).html.includes('Leading from behind, third take'),
    )
  }
  // Said once each way, not per request.
  for (const site of [a, b]) {
    expect(site.output().match(/\[cache\] Redis at .* is unreachable/g)).toHaveLength(1)
    expect(site.output().match(/\[cache\] Redis at .* is back/g)).toHaveLength(1)
  }
}, 90_000)
