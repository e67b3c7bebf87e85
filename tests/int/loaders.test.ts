/**
 * The content door against a real lake: real GROQ, real @sanity/client, zod-checked results.
 */
import fs from 'node:fs'

import { contentFor, datasetWith, type RunningLake, SAMPLE_DATASET, startTestLake } from '../helpers/lake'

const SEED_SLUG = 'shifting-position-of-leadership-digital-disruption'

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
  })

  it('getArticle returns null for an unknown slug and for a draft-only article', async () => {
    expect(await content.getArticle('no-such-article')).toBeNull()
    const docs = fs.readFileSync(SAMPLE_DATASET, 'utf8').trim().split('\n').map((line) => JSON.parse(line))
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

  it('a listing skips the malformed document and names it in the log', async () => {
    const page = await content.getArticles(1, null)
    expect(page.items.map((item) => item._id)).not.toContain(broken._id)
    expect(page.items).toHaveLength(11)
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
