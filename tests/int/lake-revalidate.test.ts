/**
 * The lake's revalidation webhook (lib/revalidate/lake-webhook.ts, as scripts/with-lake.ts and
 * tests/helpers/site.ts configure it) against the site's own route handler: a write to the lake
 * reaches POST /api/revalidate signed, its projection describes the change, and the route asks
 * the lake which documents show it (lib/content/tags.ts has the plan). `revalidateTag` is
 * recorded, not run.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { SanityClient } from '@sanity/client'
import { revalidateTag } from 'next/cache'
import { NextRequest } from 'next/server'

import { startLake, type Lake } from '@/lake'
import { revalidateWebhook } from '@/lib/revalidate/lake-webhook'

import { datasetWith, lakeClient } from '../helpers/lake'

jest.mock('next/cache', () => ({ revalidateTag: jest.fn() }))
// The content door's client reads the lake of the test running (each starts its own).
let siteClient: SanityClient
jest.mock('@/lib/content/client', () => ({
  client: { fetch: (...args: Parameters<SanityClient['fetch']>) => siteClient.fetch(...args) },
}))

const SECRET = 'lake-revalidate-secret-0123456789'
const revalidated = jest.mocked(revalidateTag)

type Answer = { status: number; json: { revalidated?: string[]; error?: string } }

let handleRevalidateWebhook: typeof import('@/lib/revalidate/webhook').handleRevalidateWebhook
let site: Server
let siteOrigin: string
let answers: Answer[]
let waiters: Array<() => void>
let lake: Lake | undefined
let client: SanityClient
let logged: string[]

beforeAll(async () => {
  process.env.SANITY_REVALIDATE_SECRET = SECRET
  delete process.env.NEXT_PUBLIC_SANITY_PROJECT_ID
  ;({ handleRevalidateWebhook } = await import('@/lib/revalidate/webhook'))
  // The route handler behind a plain HTTP server, where the lake delivers.
  site = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
      const request = new NextRequest(`${siteOrigin}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) })
      const response = await handleRevalidateWebhook(request)
      const text = await response.text()
      answers.push({ status: response.status, json: JSON.parse(text) })
      for (const wake of waiters.splice(0)) wake()
      res.writeHead(response.status, { 'content-type': 'application/json' }).end(text)
    })
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
})

afterAll(async () => {
  site.closeAllConnections()
  await new Promise((resolve) => site.close(resolve))
})

beforeEach(() => {
  answers = []
  waiters = []
  logged = []
  revalidated.mockClear()
})

afterEach(async () => {
  await lake?.close()
  lake = undefined
})

async function start(secret = SECRET) {
  lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: datasetWith([]) },
    watch: false,
    queryWorkers: 1,
    log: (message) => logged.push(message),
    webhooks: [revalidateWebhook(siteOrigin, secret)],
  })
  client = lakeClient(lake.url)
  siteClient = lakeClient(lake.url, { perspective: 'published' })
}

async function answered(count: number, ms = 5000): Promise<Answer[]> {
  const deadline = Date.now() + ms
  while (answers.length < count) {
    const left = deadline - Date.now()
    if (left <= 0) throw new Error(`expected ${count} deliveries, got ${answers.length}`)
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left)
      waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
  return answers
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function someArticle() {
  return (await client.fetch('*[_type == "article" && defined(slug.current)][0]{_id, "slug": slug.current}')) as {
    _id: string
    slug: string
  }
}

describe('the lake’s revalidation webhook and the site’s route', () => {
  it('editing an article revalidates its page, the listings, and the pages that may show it as related', async () => {
    await start()
    const article = await someArticle()
    // Worked out here from the raw data: articles that pick it or share one of its topics.
    const all = (await client.fetch(
      '*[_type == "article" && defined(slug.current)]{_id, "slug": slug.current, "topics": coalesce(topics[]._ref, []), "picks": coalesce(relatedArticles[]._ref, [])}',
    )) as Array<{ _id: string; slug: string; topics: string[]; picks: string[] }>
    const self = all.find((a) => a._id === article._id)!
    const related = all.filter((a) => a._id !== self._id && (a.picks.includes(self._id) || a.topics.some((t) => self.topics.includes(t))))
    expect(related.length).toBeLessThan(all.length - 1)
    await client.patch(article._id).set({ title: 'Edited in the lake' }).commit()
    const [answer] = await answered(1)
    expect(answer?.status).toBe(200)
    const expected = [`article:${article.slug}`, 'list:article', ...related.map((a) => `article:${a.slug}`)]
    expect([...answer!.json.revalidated!].sort()).toEqual([...new Set(expected)].sort())
    expect(revalidated.mock.calls.map(([tag]) => tag)).toEqual(answer!.json.revalidated)
  })

  it('renaming an article’s slug revalidates its old page too', async () => {
    await start()
    const article = await someArticle()
    await client.patch(article._id).set({ 'slug.current': 'a-brand-new-slug' }).commit()
    const [answer] = await answered(1)
    expect(answer!.json.revalidated).toEqual(
      expect.arrayContaining(['article:a-brand-new-slug', `article:${article.slug}`, 'list:article']),
    )
  })

  it('an author’s bio edit revalidates the author’s page and that author’s articles, not every article', async () => {
    await start()
    const author = (await client.fetch(
      '*[_type == "author" && count(*[_type == "article" && references(^._id)]) > 0][0]{_id, "slug": slug.current}',
    )) as {
      _id: string
      slug: string
    }
    const all = (await client.fetch(
      '*[_type == "article" && defined(slug.current)]{"slug": slug.current, "authors": coalesce(authors[]._ref, [])}',
    )) as Array<{
      slug: string
      authors: string[]
    }>
    const theirs = all.filter((a) => a.authors.includes(author._id)).map((a) => `article:${a.slug}`)
    expect(theirs.length).toBeGreaterThan(0)
    expect(theirs.length).toBeLessThan(all.length)
    await client.patch(author._id).set({ affiliation: 'Somewhere else' }).commit()
    const [answer] = await answered(1)
    expect([...answer!.json.revalidated!].sort()).toEqual([`author:${author.slug}`, 'list:author', ...theirs].sort())
  })

  it('deleting an author revalidates the author’s page by the slug it had', async () => {
    await start()
    const author = (await client.fetch('*[_type == "author"][0]{_id, "slug": slug.current}')) as { _id: string; slug: string }
    // The sample's articles reference their authors: remove the references in the same transaction.
    const citing = (await client.fetch('*[references($id)]._id', { id: author._id })) as string[]
    const tx = client.transaction()
    for (const id of citing) tx.patch(id, { unset: ['authors', 'author'] })
    await tx.delete(author._id).commit()
    await answered(citing.length + 1)
    await pause(300)
    const forAuthor = answers.find((a) => a.json.revalidated?.includes(`author:${author.slug}`))
    expect(forAuthor?.json.revalidated).toEqual([`author:${author.slug}`, 'list:author'])
  })

  it('a draft edit revalidates nothing', async () => {
    await start()
    const article = await someArticle()
    await client.createOrReplace({ _id: `drafts.${article._id}`, _type: 'article', title: 'Draft only' })
    await pause(800)
    expect(answers).toEqual([])
  })

  it('a lake with the wrong secret is refused with 401 and does not retry', async () => {
    await start('not-the-site-secret-0123456789')
    const article = await someArticle()
    await client.patch(article._id).set({ title: 'Wrongly signed' }).commit()
    const [answer] = await answered(1)
    expect(answer).toEqual({ status: 401, json: { error: 'Invalid signature' } })
    await pause(1000)
    expect(answers).toHaveLength(1)
    expect(revalidated).not.toHaveBeenCalled()
    expect(logged.join('\n')).toMatch(/answered 401; not retried/)
  })
})
