/**
 * The content door against a real lake: real GROQ, real @sanity/client, zod-checked results.
 */
import fs from 'node:fs'
import { Writable } from 'node:stream'

import { contentFor, datasetWith, type RunningLake, SAMPLE_DATASET, startTestLake } from '../helpers/lake'

// React's cache() remembers results only inside a server render, in React's react-server build.
// Next renders server components with its own copy of that build; so does this file, so the
// loaders' cache() can be seen at work (outside a render the build just calls through).
jest.mock('react', () => jest.requireActual('next/dist/compiled/react/react.react-server'))
jest.mock('next/dist/compiled/react', () => jest.requireActual('next/dist/compiled/react/react.react-server'))
jest.mock('react-dom', () => jest.requireActual('next/dist/compiled/react-dom/react-dom.react-server'))

const SEED_SLUG = 'shifting-position-of-leadership-digital-disruption'

describe('image previews', () => {
  // The seed article's main image, as Sanity would hold it had the file a transparent background.
  const SEED_ASSET = 'image-4540291969027dc4f37e94b07b416f2cd50e9146-1200x675-png'
  let lake: RunningLake
  let content: Awaited<ReturnType<typeof contentFor>>

  beforeAll(async () => {
    const transparent = {
      _id: SEED_ASSET,
      _type: 'sanity.imageAsset',
      extension: 'png',
      mimeType: 'image/png',
      path: 'images/local/production/4540291969027dc4f37e94b07b416f2cd50e9146-1200x675.png',
      metadata: { lqip: 'data:image/png;base64,iVBORw0KGgo=', hasAlpha: true, isOpaque: false },
    }
    lake = await startTestLake(datasetWith([transparent]))
    content = await contentFor(lake.url)
  })
  afterAll(() => lake.close())

  it('are left out for an image with transparent parts (a reading page runs no script to remove them), kept for opaque ones', async () => {
    const article = await content.getArticle(SEED_SLUG)
    expect(article?.mainImage?.asset._ref).toBe(SEED_ASSET)
    expect(article?.mainImage?.lqip).toBeNull()
    const { items } = await content.getArticles(1, null)
    const others = items.filter((item) => item.mainImage && item.mainImage.asset._ref !== SEED_ASSET)
    expect(others.length).toBeGreaterThan(0)
    for (const item of others) expect(item.mainImage?.lqip).toMatch(/^data:image\/(jpeg|png);base64,/)
  })
})

describe('loaders on the sample dataset', () => {
  let lake: RunningLake
  let content: Awaited<ReturnType<typeof contentFor>>

  beforeAll(async () => {
    lake = await startTestLake()
    content = await contentFor(lake.url)
  })
  afterAll(() => lake.close())

  it('getArticle returns the seed article with its anatomy', async () => {
    const article = await content.getArticle(SEED_SLUG)
    expect(article).not.toBeNull()
    expect(article?.title).toBe('The shifting position of leadership in a time of digital disruption')
    expect(article?.standfirst).toBe('How to “lead from behind”')
    expect(article?.publishedAt.startsWith('2018-08')).toBe(true)
    expect(article?.readingMinutes).toBe(3)
    expect(article?.authors.map((author) => [author.name, author.role, author.affiliation])).toEqual([
      ['Jennifer Jordan', 'Professor of Leadership and Organizational Behavior', 'IMD'],
    ])
    expect(article?.researchLinks.map((link) => link.title)).toContain('Research Information & Knowledge Hub')
    expect(article?.related.length).toBeGreaterThan(0)
    expect(article?.body.some((block) => block._type === 'block')).toBe(true)
    // The lake computes each asset's preview as Sanity does; the card and page show it while the image loads.
    expect(article?.mainImage?.lqip).toMatch(/^data:image\/(jpeg|png);base64,/)
  })

  it('getArticle returns null for an unknown slug and for a draft-only article', async () => {
    expect(await content.getArticle('no-such-article')).toBeNull()
    const docs = fs
      .readFileSync(SAMPLE_DATASET, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const ids = new Set(docs.map((doc) => doc._id))
    const draftOnly = docs.find((doc) => doc._type === 'article' && doc._id.startsWith('drafts.') && !ids.has(doc._id.slice(7)))
    expect(draftOnly?.slug?.current).toBeTruthy()
    expect(await content.getArticle(draftOnly.slug.current)).toBeNull()
    const { items } = await content.getArticles(1, null)
    expect(items.every((item) => !item._id.startsWith('drafts.'))).toBe(true)
  })

  it('getArticles pages newest first, 12 a page, and filters by topic', async () => {
    const first = await content.getArticles(1, null)
    expect(first.items).toHaveLength(Math.min(12, first.total))
    expect(first.total).toBeGreaterThanOrEqual(12)
    const dates = first.items.map((item) => item.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    const topics = await content.getTopics()
    expect(topics.length).toBeGreaterThanOrEqual(4)
    const topic = topics[0]!
    const filtered = await content.getArticles(1, topic.slug)
    expect(filtered.total).toBeGreaterThan(0)
    expect(filtered.total).toBeLessThan(first.total)
    expect(filtered.items.every((item) => item.topics.some((t) => t.slug === topic.slug))).toBe(true)
  })

  it('getAuthor returns the author with their articles; unknown is null', async () => {
    const author = await content.getAuthor('jennifer-jordan')
    expect(author?.name).toBe('Jennifer Jordan')
    expect(author?.articles.map((article) => article.slug)).toContain(SEED_SLUG)
    expect(await content.getAuthor('nobody')).toBeNull()
  })

  it('getTopic, getResearchLinks and getSiteSettings return validated content', async () => {
    const topics = await content.getTopics()
    expect(await content.getTopic(topics[0]!.slug)).toMatchObject({ title: topics[0]!.title })
    expect(await content.getTopic('no-such-topic')).toBeNull()
    const links = await content.getResearchLinks()
    expect(links.length).toBeGreaterThanOrEqual(4)
    expect(links.every((link) => /^https?:\/\//.test(link.url))).toBe(true)
    const settings = await content.getSiteSettings()
    expect(settings.latestResearch.heading).toBe('Discover our latest research')
    expect(settings.latestResearch.links.length).toBeGreaterThan(0)
  })
})

describe('loaders in one server render', () => {
  let lake: RunningLake
  let content: typeof import('@/lib/content')
  let render: (component: () => Promise<null>) => Promise<void>

  beforeAll(async () => {
    lake = await startTestLake()
    process.env.SANITY_LAKE_URL = lake.url
    delete process.env.NEXT_PUBLIC_SANITY_PROJECT_ID
    // The loaders and the renderer must share one copy of React, so they are loaded together, in
    // their production builds as Next runs them: the renderer's development build installs a
    // process-wide async hook that records every promise made from then on, which no test file
    // can remove (the next file in this worker ran out of memory).
    const nodeEnv = process.env.NODE_ENV
    Object.assign(process.env, { NODE_ENV: 'production' })
    try {
      jest.isolateModules(() => {
        /* eslint-disable @typescript-eslint/no-require-imports */
        content = require('@/lib/content')
        const React: typeof import('react') = require('react')
        const { renderToPipeableStream } = require('next/dist/compiled/react-server-dom-webpack/server.node')
        /* eslint-enable @typescript-eslint/no-require-imports */
        render = (component) =>
          new Promise((resolve, reject) => {
            const stream = renderToPipeableStream(React.createElement(component), {}, { onError: reject })
            stream.pipe(new Writable({ write: (_chunk, _encoding, next) => next(), final: (next) => (next(), resolve()) }))
          })
      })
    } finally {
      if (nodeEnv === undefined) Reflect.deleteProperty(process.env, 'NODE_ENV')
      else Object.assign(process.env, { NODE_ENV: nodeEnv })
    }
  })
  afterAll(() => lake.close())

  /** How many requests reach the content source while `component` renders. */
  async function requestsWhileRendering(component: () => Promise<void>): Promise<number> {
    const fetchSpy = jest.spyOn(globalThis, 'fetch')
    try {
      await render(async () => (await component(), null))
      return fetchSpy.mock.calls.length
    } finally {
      fetchSpy.mockRestore()
    }
  }

  it('generateMetadata and the page ask for the same content, and it is fetched once', async () => {
    const load = () =>
      Promise.all([
        content.getArticles(2, null),
        content.getArticles(1, 'leadership'),
        content.getArticle(SEED_SLUG),
        content.searchArticles('leadership', 1),
        content.getFeedArticles(null),
      ])
    const requests = await requestsWhileRendering(async () => {
      await load() // as generateMetadata does
      await load() // as the page does
    })
    expect(requests).toBe(5)
  })

  it('different arguments are different requests', async () => {
    const requests = await requestsWhileRendering(async () => {
      await Promise.all([content.getArticles(1, null), content.getArticles(2, null), content.getArticles(1, 'leadership')])
    })
    expect(requests).toBe(3)
  })
})

describe('loaders with malformed content', () => {
  const broken = {
    _id: 'article-broken-date',
    _type: 'article',
    _createdAt: '2024-01-01T00:00:00Z',
    _updatedAt: '2024-01-01T00:00:00Z',
    _rev: 'broken1',
    title: 'An article with a broken date',
    slug: { _type: 'slug', current: 'broken-date' },
    standfirst: 'Its publishedAt is not a date.',
    publishedAt: 'next tuesday',
    authors: [],
    body: [],
  }
  let lake: RunningLake
  let content: Awaited<ReturnType<typeof contentFor>>
  let warn: jest.SpyInstance

  beforeAll(async () => {
    // 'next tuesday' sorts after every ISO date, so the broken article is first in the listing.
    lake = await startTestLake(datasetWith([broken]))
    content = await contentFor(lake.url)
  })
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => warn.mockRestore())
  afterAll(() => lake.close())

  it('a listing leaves the malformed document out of its items and its total alike', async () => {
    const all = await content.getArticles(1, null)
    const page = await content.getArticles(2, null)
    expect([...all.items, ...page.items].map((item) => item._id)).not.toContain(broken._id)
    expect(all.items).toHaveLength(12)
    expect(all.total).toBe(all.items.length + page.items.length)
  })

  it('a reader asking for the malformed article finds nothing, and the log names it', async () => {
    await expect(content.findArticle('broken-date')).resolves.toBeNull()
    const logged = warn.mock.calls.map((call) => String(call[0])).join('\n')
    expect(logged).toContain('article-broken-date')
    expect(logged).toContain('publishedAt')
  })

  it('the malformed article itself is a ContentError naming query, document and field', async () => {
    const failure = content.getArticle('broken-date')
    await expect(failure).rejects.toBeInstanceOf(content.ContentError)
    await expect(failure).rejects.toMatchObject({
      code: 'invalid_document',
      facts: { query: 'articleBySlug', documentId: 'article-broken-date' },
    })
    await expect(failure).rejects.toThrow(/field publishedAt/)
  })

  it('an unreachable content source is a ContentError, not a crash', async () => {
    const offline = await contentFor('http://127.0.0.1:9')
    await expect(offline.getArticle('anything')).rejects.toMatchObject({ code: 'source_unavailable', facts: { query: 'articleBySlug' } })
  })
})
