/**
 * The lake as the site sees it: the real @sanity/client pointed at a lake on a free port,
 * serving tests/fixtures/lake (three articles, one with a pending draft, one draft-only).
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SanityClient } from '@sanity/client'
import { createImageUrlBuilder } from '@sanity/image-url'

import { startLake, type Lake } from '@/lake'
import { generateContent, writeContent } from '@/scripts/generate-content'

import { lakeClient } from '../helpers/lake'

const fixture = join(__dirname, '../fixtures/lake')
const imageSha = '61262c998812f460973b5f512fec5685419969cc'

let dir: string
let lake: Lake
let client: SanityClient
const logs: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-test-'))
  cpSync(fixture, dir, { recursive: true })
  lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: join(dir, 'data.ndjson') },
    queryTimeoutMs: 1500,
    maxBodyBytes: 64 * 1024,
    log: (m) => logs.push(m),
  })
  client = lakeClient(lake.url)
})

afterAll(async () => {
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

const raw = (path: string, init?: RequestInit) => fetch(`${lake.url}${path}`, init)

describe('perspectives', () => {
  const titles = (docs: Array<{ title: string }>) => docs.map((d) => d.title).sort()

  it('published (the default from API 2025-02-19) hides drafts', async () => {
    const docs = await client.fetch<Array<{ _id: string; _originalId: string; title: string }>>(
      '*[_type == "article"]{_id, _originalId, title}',
    )
    expect(titles(docs)).toEqual(['Family business succession', 'How boards learn', 'Teams under pressure'])
    expect(docs.find((d) => d._id === 'article-boards')?._originalId).toBe('article-boards')
  })

  it('drafts overlays drafts on their published documents and reports _originalId', async () => {
    const docs = await client.fetch<Array<{ _id: string; _originalId: string; title: string }>>(
      '*[_type == "article"]{_id, _originalId, title}',
      {},
      { perspective: 'drafts' },
    )
    expect(titles(docs)).toEqual(['An unpublished idea', 'Family business succession', 'How boards learn (draft)', 'Teams under pressure'])
    expect(docs.find((d) => d._id === 'article-boards')).toMatchObject({
      _originalId: 'drafts.article-boards',
      title: 'How boards learn (draft)',
    })
    expect(docs.find((d) => d._id === 'article-new')?._originalId).toBe('drafts.article-new')
  })

  it('previewDrafts is the older name of drafts', async () => {
    const res = await raw(
      '/v2025-02-19/data/query/production?query=*%5B_id%20%3D%3D%20%22article-boards%22%5D%5B0%5D.title&perspective=previewDrafts',
    )
    expect((await res.json()).result).toBe('How boards learn (draft)')
  })

  it('raw shows drafts beside published documents, and is the default before 2025-02-19', async () => {
    const ids = await client.fetch<string[]>('*[_type == "article"]._id', {}, { perspective: 'raw' })
    expect(ids.sort()).toEqual(['article-boards', 'article-family', 'article-teams', 'drafts.article-boards', 'drafts.article-new'])
    const old = await client.withConfig({ apiVersion: '2021-10-21' }).fetch<number>('count(*[_type == "article"])')
    expect(old).toBe(5)
  })
})

describe('GROQ over HTTP', () => {
  it('answers the article page query with params and dereferenced authors, topics, links and related articles', async () => {
    const article = await client.fetch(
      `*[_type == "article" && slug.current == $slug][0]{_id, title, "authors": authors[]->{name, "slug": slug.current}, "topics": topics[]->title,
        "researchLinks": researchLinks[]->{title, kind}, "related": relatedArticles[]->title, "wordCount": length(string::split(pt::text(body), " "))}`,
      { slug: 'how-boards-learn' },
    )
    expect(article).toEqual({
      _id: 'article-boards',
      title: 'How boards learn',
      authors: [{ name: 'Ada Okafor', slug: 'ada-okafor' }],
      topics: ['Strategy'],
      researchLinks: [{ title: 'Leadership hub', kind: 'hub' }],
      related: ['Teams under pressure'],
      wordCount: 13,
    })
  })

  it('orders and slices a listing', async () => {
    const page = await client.fetch<string[]>(
      '*[_type == "article" && defined(slug.current)] | order(publishedAt desc) [$start...$end].title',
      { start: 0, end: 2 },
    )
    expect(page).toEqual(['Teams under pressure', 'How boards learn'])
    const next = await client.fetch<string[]>(
      '*[_type == "article" && defined(slug.current)] | order(publishedAt desc) [$start...$end].title',
      { start: 2, end: 4 },
    )
    expect(next).toEqual(['Family business succession'])
  })

  it('filters by references() to a topic looked up by slug', async () => {
    const titles = await client.fetch<string[]>(
      '*[_type == "article" && references(*[_type == "topic" && slug.current == $topic][0]._id)] | order(title asc).title',
      { topic: 'leadership' },
    )
    expect(titles).toEqual(['Family business succession', 'Teams under pressure'])
  })

  it('matches text and extracts Portable Text', async () => {
    expect(await client.fetch('*[_type == "article" && body[].children[].text match "culture"][0].title')).toBe('Teams under pressure')
    expect(await client.fetch('pt::text(*[_id == "article-family"][0].body)')).toBe('Succession is a process, not an event.')
  })

  it('sends long queries as POST with the same result', async () => {
    const padding = ' '.repeat(12_000)
    const count = await client.fetch<number>(`count(*[_type == $type])${padding}`, { type: 'author' })
    expect(count).toBe(2)
  })
})

describe('doc endpoint and images', () => {
  it('returns documents by id, with null for missing ones', async () => {
    const [boards, missing, draft] = await client.getDocuments(['article-boards', 'nope', 'drafts.article-new'])
    expect(boards?.title).toBe('How boards learn')
    expect(missing).toBeNull()
    expect(draft?.title).toBe('An unpublished idea')
    const body = await (await raw('/v2025-02-19/data/doc/production/article-teams,nope')).json()
    expect(body.documents.map((d: { _id: string }) => d._id)).toEqual(['article-teams'])
    expect(body.omitted).toEqual([{ id: 'nope', reason: 'existence' }])
    expect(await client.getDocument('author-ben')).toMatchObject({ name: 'Ben Rossi' })
  })

  it('serves image files at the URLs @sanity/image-url builds, ignoring transforms', async () => {
    const builder = createImageUrlBuilder({ projectId: 'local', dataset: 'production', baseUrl: lake.url })
    const url = builder
      .image({ asset: { _ref: `image-${imageSha}-4x3-png` } })
      .width(2)
      .auto('format')
      .url()
    expect(url.startsWith(`${lake.url}/images/local/production/${imageSha}-4x3.png?`)).toBe(true)
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('cache-control')).toContain('immutable')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    expect((await raw(`/images/local/production/${'0'.repeat(40)}-4x3.png`)).status).toBe(404)
  })
})

describe('errors', () => {
  it('reports a GROQ syntax error as a 400 queryParseError with its position', async () => {
    const res = await raw(`/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_type == "article"')}`)
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error).toMatchObject({ type: 'queryParseError', query: '*[_type == "article"', start: 19, end: 20 })
    expect(body.error.description).toContain('position 19')
    await expect(client.fetch('*[_type == ')).rejects.toMatchObject({ statusCode: 400, details: { type: 'queryParseError' } })
  })

  it('answers 404 for an unknown dataset or route and 400 for a param that is not JSON', async () => {
    await expect(client.withConfig({ dataset: 'staging' }).fetch('1')).rejects.toMatchObject({ statusCode: 404 })
    expect((await raw('/v2025-02-19/nothing/here')).status).toBe(404)
    const bad = await raw('/v2025-02-19/data/query/production?query=$slug&$slug=not-json')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.description).toContain('$slug')
  })

  it('refuses bodies over the limit with 413', async () => {
    const res = await raw('/v2025-02-19/data/query/production', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '1', params: { big: 'x'.repeat(100_000) } }),
    })
    expect(res.status).toBe(413)
  })

  it('stops a runaway query at the time limit and keeps answering', async () => {
    const bigDir = mkdtempSync(join(tmpdir(), 'lake-big-'))
    const big = await startLake({
      token: null,
      port: 0,
      datasets: { production: writeContent(generateContent(2000), bigDir) },
      queryTimeoutMs: 1000,
      watch: false,
      log: () => {},
    })
    try {
      const bigClient = client.withConfig({ apiHost: big.url })
      const started = Date.now()
      const hostile = '*[_type == "article"]{"others": *[_type == "article" && _id != ^._id]{"again": *[_id != ^._id][0]._id}}'
      // The whole error, so a failure says what the lake answered instead.
      const error = await bigClient.fetch(hostile).then(
        () => null,
        (err: { statusCode?: number; details?: { type?: string; description?: string } }) => err,
      )
      expect({ status: error?.statusCode, type: error?.details?.type, description: error?.details?.description }).toEqual({
        status: 408,
        type: 'queryTimeout',
        description: 'Query exceeded the time limit of 1000 ms',
      })
      expect(Date.now() - started).toBeLessThan(5000)
      expect(await bigClient.fetch('count(*[_type == "article"])')).toBe(2000)
    } finally {
      await big.close()
      rmSync(bigDir, { recursive: true, force: true })
    }
  })

  it('refuses a result too large to send', async () => {
    const started = Date.now()
    const res = await raw(`/v2025-02-19/data/query/production?query=${encodeURIComponent('*{"a": *{"b": *{"c": *{"d": *{"e": *}}}}}')}`)
    expect([400, 408]).toContain(res.status)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(await client.fetch('count(*[_type == "topic"])')).toBe(2)
  })

  it("answers CORS preflights from the site's origin (the default) with the headers asked for", async () => {
    const res = await raw('/v2025-02-19/data/query/production', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type')
  })
})

describe('mutations', () => {
  it('creates, patches and deletes documents, writing them back to the file', async () => {
    await client.create({ _id: 'topic-finance', _type: 'topic', title: 'Finance', slug: { _type: 'slug', current: 'finance' } })
    await client.patch('topic-finance').set({ title: 'Corporate finance' }).commit()
    expect(await client.fetch('*[_id == "topic-finance"][0].title')).toBe('Corporate finance')
    await expect(client.create({ _id: 'topic-finance', _type: 'topic' })).rejects.toMatchObject({ statusCode: 409 })
    await client.delete('topic-finance')
    expect(await client.fetch('count(*[_type == "topic"])')).toBe(2)
  })
})

describe('reloading', () => {
  it('reloads when the file changes and keeps the last good dataset when the new file is malformed', async () => {
    const file = join(dir, 'data.ndjson')
    const { appendFileSync, writeFileSync, readFileSync } = await import('node:fs')
    const original = readFileSync(file, 'utf8')
    appendFileSync(file, JSON.stringify({ _id: 'topic-people', _type: 'topic', title: 'People' }) + '\n')
    await waitFor(async () => (await client.fetch('count(*[_type == "topic"])')) === 3)

    writeFileSync(file, original + '{"_id": "broken", \n')
    await waitFor(async () => logs.some((m) => m.includes(`data.ndjson:${original.split('\n').length}`)))
    expect(await client.fetch('count(*[_type == "topic"])')).toBe(3)
    copyFileSync(join(fixture, 'data.ndjson'), file)
    await waitFor(async () => (await client.fetch('count(*[_type == "topic"])')) === 2)
  })
})

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('condition not met in time')
}
