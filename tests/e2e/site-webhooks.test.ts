/**
 * The built site with a lake that sends its revalidation webhook, as `npm start` runs them on the
 * embedded default: a write to the lake reaches the page on the next requests, long before the
 * ISR timer (CONTENT_REVALIDATE_SECONDS, 300 s by default).
 */
import { getPage, text } from '../helpers/html'
import { datasetWith, lakeClient } from '../helpers/lake'
import { type SiteWithLake, startSiteWithLake } from '../helpers/site'

const SEED = {
  slug: 'shifting-position-of-leadership-digital-disruption',
  title: 'The shifting position of leadership in a time of digital disruption',
}

let running: SiteWithLake

beforeAll(async () => {
  running = await startSiteWithLake(datasetWith([]))
})
afterAll(async () => {
  await running?.stop()
})

async function titleOf(path: string): Promise<string> {
  return text((await getPage(`${running.site.url}${path}`)).document.querySelector('h1'))
}

it('an edit written to the lake reaches the article page through the webhook', async () => {
  const page = `/insights/${SEED.slug}`
  expect(await titleOf(page)).toBe(SEED.title)
  const client = lakeClient(running.lake.url, { token: running.token })
  const id = (await client.fetch('*[_type == "article" && slug.current == $slug][0]._id', { slug: SEED.slug })) as string
  const retitled = 'Leadership, retitled in the lake'
  await client.patch(id).set({ title: retitled }).commit()

  // Stale-while-revalidate: the first request after the webhook may still get the old page.
  let title = ''
  const deadline = Date.now() + 20_000
  while (title !== retitled && Date.now() < deadline) {
    title = await titleOf(page)
    if (title !== retitled) await new Promise((resolve) => setTimeout(resolve, 250))
  }
  expect(title).toBe(retitled)
})
