/**
 * The tag plan (lib/content/README.md), as one table: for each kind of change, the webhook
 * projection (lib/revalidate/projection.ts) is evaluated by groq-js as Sanity and the lake do,
 * read by the route (`changeFromBody`) and mapped to tags (`tagsForChange`) with what the content
 * source answers about the documents showing it; the tags must be exactly the row's, and the
 * pages they reach (by the tags each page's fetches carry, observed below) exactly the row's.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { evaluate, parse } from 'groq-js'

import { client } from '@/lib/content/client'
import * as content from '@/lib/content/loaders'
import { articleSlugsQuery } from '@/lib/content/queries/article'
import { feedArticlesQuery } from '@/lib/content/queries/feed'
import { referrersQuery, relatedPagesQuery } from '@/lib/content/queries/dependents'
import { researchLinksQuery } from '@/lib/content/queries/research'
import { topicsQuery } from '@/lib/content/queries/topic'
import { type Dependents, NO_DEPENDENTS, tagsForChange } from '@/lib/content/tags'
import { changeFromBody, REVALIDATE_PROJECTION } from '@/lib/revalidate/projection'

jest.mock('@/lib/content/client', () => ({ client: { fetch: jest.fn() } }))
const fetchMock = jest.mocked(client.fetch) as unknown as jest.Mock

/** Queries loaded with loadList answer [], the others null (nothing found): enough to see the tags. */
const LIST_QUERIES = new Set<string>([
  articleSlugsQuery,
  feedArticlesQuery,
  referrersQuery,
  relatedPagesQuery,
  researchLinksQuery,
  topicsQuery,
])
const nothingFound = async (query: string) => (LIST_QUERIES.has(query) ? [] : null)
beforeEach(() => {
  fetchMock.mockReset()
  fetchMock.mockImplementation(nothingFound)
})

/** The tags of every fetch a page makes, as the page in app/ calls its loaders (settings: the site frame). */
async function tagsOf(render: () => Promise<unknown>): Promise<string[]> {
  fetchMock.mockClear()
  fetchMock.mockImplementation(nothingFound)
  await render()
  return [...new Set(fetchMock.mock.calls.flatMap(([, , options]) => (options as { next: { tags: string[] } }).next.tags))].sort()
}

const frame = () => content.getSiteSettings()
const PAGES: Record<string, () => Promise<unknown>> = {
  'article a': () => Promise.all([content.findArticle('a'), frame()]),
  'article a-new': () => Promise.all([content.findArticle('a-new'), frame()]),
  'article b': () => Promise.all([content.findArticle('b'), frame()]),
  'article c': () => Promise.all([content.findArticle('c'), frame()]),
  'article z': () => Promise.all([content.findArticle('z'), frame()]),
  home: () => Promise.all([content.getHomeArticles(), frame()]),
  '/insights': () => Promise.all([content.getArticles(2, null), content.getTopics(), frame()]),
  '/insights?topic=strategy': () => Promise.all([content.getArticles(1, 'strategy'), content.getTopics(), frame()]),
  'topic strategy': () => Promise.all([content.getTopic('strategy'), content.getArticles(1, 'strategy'), frame()]),
  'topic finance': () => Promise.all([content.getTopic('finance'), content.getArticles(1, 'finance'), frame()]),
  'author jane': () => Promise.all([content.getAuthor('jane'), frame()]),
  'author other': () => Promise.all([content.getAuthor('other'), frame()]),
  research: () => Promise.all([content.getResearchLinks(), frame()]),
  search: () => Promise.all([content.searchArticles('leadership', 1), frame()]),
  feed: () => content.getFeedArticles(null),
  'topic feed strategy': () => Promise.all([content.getTopic('strategy'), content.getFeedArticles('strategy')]),
  sitemap: () => content.getSitemapContent(),
}

describe('each page kind’s fetches carry the tags of the documents it shows', () => {
  it.each([
    ['article a', ['article:a', 'settings']],
    ['home', ['list:article', 'settings']],
    ['/insights', ['list:article', 'list:topic', 'settings']],
    ['/insights?topic=strategy', ['list:article', 'list:topic', 'settings', 'topic:strategy']],
    ['topic strategy', ['list:article', 'settings', 'topic:strategy']],
    ['author jane', ['author:jane', 'list:article', 'settings']],
    ['research', ['list:researchHubLink', 'settings']],
    ['search', ['list:article', 'settings']],
    ['feed', ['list:article']],
    ['topic feed strategy', ['list:article', 'topic:strategy']],
    ['sitemap', ['list:article', 'list:author', 'list:researchHubLink', 'list:topic']],
  ])('%s: %j', async (page, expected) => {
    expect(await tagsOf(PAGES[page]!)).toEqual(expected)
  })

  it('prebuilding article pages (generateStaticParams) is a listing', async () => {
    expect(await tagsOf(() => content.getArticleSlugs(24))).toEqual(['list:article'])
  })
})

// ---- the table --------------------------------------------------------------------------------
type Doc = Record<string, unknown> & { _id: string; _type: string }
const ref = (id: string) => ({ _ref: id, _type: 'reference' })
const articleA: Doc = {
  _id: 'article-a',
  _type: 'article',
  _rev: 'r1',
  title: 'A',
  slug: { current: 'a' },
  publishedAt: '2025-01-01T00:00:00Z',
  body: [],
  topics: [ref('topic-strategy')],
  authors: [ref('author-jane')],
}
const jane: Doc = { _id: 'author-jane', _type: 'author', _rev: 'r1', name: 'Jane', slug: { current: 'jane' }, bio: [] }
const strategy: Doc = {
  _id: 'topic-strategy',
  _type: 'topic',
  _rev: 'r1',
  title: 'Strategy',
  slug: { current: 'strategy' },
  description: 'x',
}
const link: Doc = { _id: 'research-1', _type: 'researchHubLink', _rev: 'r1', title: 'Hub', url: 'https://example.org' }
const settings: Doc = { _id: 'siteSettings', _type: 'siteSettings', _rev: 'r1', title: 'Insights' }
const edit = (doc: Doc, fields: Record<string, unknown>): Doc => ({ ...doc, ...fields, _rev: 'r2' })

const article = (id: string, slug: string) => ({ _id: id, _type: 'article', slug })
const ALL_HTML = [
  'article a',
  'article a-new',
  'article b',
  'article c',
  'article z',
  'home',
  '/insights',
  '/insights?topic=strategy',
].concat(['topic strategy', 'topic finance', 'author jane', 'author other', 'research', 'search'])
const LISTINGS = ['home', '/insights', '/insights?topic=strategy', 'topic strategy', 'topic finance', 'author jane', 'author other'].concat(
  ['search', 'feed', 'topic feed strategy', 'sitemap'],
)

interface Row {
  before: Doc | null
  after: Doc | null
  /** What the source answers, after the change, about the documents showing it. */
  source: Dependents
  tags: string[]
  pages: string[]
}

const TABLE: Record<string, Row> = {
  'article edit (title): its page, every listing, the pages that pick it or share a topic': {
    before: articleA,
    after: edit(articleA, { title: 'A, revised' }),
    source: { referrers: [article('article-b', 'b')], relatedPages: ['b', 'c'] },
    tags: ['article:a', 'article:b', 'article:c', 'list:article'],
    pages: ['article a', 'article b', 'article c', ...LISTINGS],
  },
  'article slug change: the old and the new page': {
    before: articleA,
    after: edit(articleA, { slug: { current: 'a-new' } }),
    source: { referrers: [article('article-b', 'b')], relatedPages: ['b', 'c'] },
    tags: ['article:a', 'article:a-new', 'article:b', 'article:c', 'list:article'],
    pages: ['article a', 'article a-new', 'article b', 'article c', ...LISTINGS],
  },
  'article slug change keeping the old slug (previousSlugs): the old page, now a 308 to the new, and the new': {
    before: articleA,
    after: edit(articleA, { slug: { current: 'a-new' }, previousSlugs: ['a'] }),
    source: { referrers: [article('article-b', 'b')], relatedPages: ['b', 'c'] },
    tags: ['article:a', 'article:a-new', 'article:b', 'article:c', 'list:article'],
    pages: ['article a', 'article a-new', 'article b', 'article c', ...LISTINGS],
  },
  'an old slug dropped from an article: the page at it stops redirecting (now a 404)': {
    before: edit(articleA, { previousSlugs: ['z'] }),
    after: articleA,
    source: { referrers: [article('article-b', 'b')], relatedPages: ['b', 'c'] },
    tags: ['article:a', 'article:b', 'article:c', 'article:z', 'list:article'],
    pages: ['article a', 'article b', 'article c', 'article z', ...LISTINGS],
  },
  'article unpublish or delete: its page (now a 404), every listing, feed and sitemap, pages sharing a topic': {
    before: articleA,
    after: null,
    source: { referrers: [], relatedPages: ['c'] },
    tags: ['article:a', 'article:c', 'list:article'],
    pages: ['article a', 'article c', ...LISTINGS],
  },
  'new article: every listing and the pages sharing its topics': {
    before: null,
    after: edit(articleA, { _id: 'article-n', slug: { current: 'n' } }),
    source: { referrers: [], relatedPages: ['a', 'c'] },
    tags: ['article:a', 'article:c', 'article:n', 'list:article'],
    pages: ['article a', 'article c', ...LISTINGS],
  },
  'author edit (bio): the author’s page and their articles’ pages, no listing but the sitemap': {
    before: jane,
    after: edit(jane, { bio: [{ _type: 'block', _key: 'k' }] }),
    source: { referrers: [article('article-a', 'a'), article('article-b', 'b')], relatedPages: [] },
    tags: ['article:a', 'article:b', 'author:jane', 'list:author'],
    pages: ['article a', 'article b', 'author jane', 'sitemap'],
  },
  'author rename: also every listing (cards show the name) and the pages showing their articles as related': {
    before: jane,
    after: edit(jane, { name: 'Jane Q.' }),
    source: { referrers: [article('article-a', 'a'), article('article-b', 'b')], relatedPages: ['c'] },
    tags: ['article:a', 'article:b', 'article:c', 'author:jane', 'list:article', 'list:author'],
    pages: ['article a', 'article b', 'article c', ...LISTINGS],
  },
  'author created or deleted: the author page and the sitemap': {
    before: jane,
    after: null,
    source: NO_DEPENDENTS,
    tags: ['author:jane', 'list:author'],
    pages: ['author jane', 'sitemap'],
  },
  'topic created or deleted: its pages, the topic filter, the sitemap': {
    before: null,
    after: strategy,
    source: NO_DEPENDENTS,
    tags: ['list:topic', 'topic:strategy'],
    pages: ['/insights', '/insights?topic=strategy', 'topic strategy', 'topic feed strategy', 'sitemap'],
  },
  'topic rename: its pages, the topic filter, its articles’ pages, every listing (cards show the topic)': {
    before: strategy,
    after: edit(strategy, { title: 'Strategy and policy' }),
    source: { referrers: [article('article-a', 'a'), article('article-c', 'c')], relatedPages: ['b'] },
    tags: ['article:a', 'article:b', 'article:c', 'list:article', 'list:topic', 'topic:strategy'],
    pages: ['article a', 'article b', 'article c', ...LISTINGS],
  },
  'topic slug change: the old and the new topic URLs too': {
    before: strategy,
    after: edit(strategy, { slug: { current: 'strategy-2' } }),
    source: { referrers: [article('article-a', 'a')], relatedPages: ['b'] },
    tags: ['article:a', 'article:b', 'list:article', 'list:topic', 'topic:strategy', 'topic:strategy-2'],
    pages: ['article a', 'article b', ...LISTINGS],
  },
  'topic description edit: its pages and the topic listings only': {
    before: strategy,
    after: edit(strategy, { description: 'Longer' }),
    source: { referrers: [article('article-a', 'a'), article('article-c', 'c')], relatedPages: [] },
    tags: ['list:topic', 'topic:strategy'],
    pages: ['/insights', '/insights?topic=strategy', 'topic strategy', 'topic feed strategy', 'sitemap'],
  },
  'research link added: /research and the sitemap': {
    before: null,
    after: link,
    source: NO_DEPENDENTS,
    tags: ['list:researchHubLink'],
    pages: ['research', 'sitemap'],
  },
  'research link edited: also the articles citing it': {
    before: link,
    after: edit(link, { title: 'Hub, renamed' }),
    source: { referrers: [article('article-a', 'a')], relatedPages: [] },
    tags: ['article:a', 'list:researchHubLink'],
    pages: ['article a', 'research', 'sitemap'],
  },
  'research link edited that the settings show: every page (“Discover our latest research”)': {
    before: link,
    after: edit(link, { title: 'Hub, renamed' }),
    source: { referrers: [article('article-a', 'a'), { _id: 'siteSettings', _type: 'siteSettings', slug: null }], relatedPages: [] },
    tags: ['article:a', 'list:researchHubLink', 'settings'],
    pages: [...ALL_HTML, 'sitemap'],
  },
  'site settings edit: every HTML page, no feed or sitemap': {
    before: settings,
    after: edit(settings, { title: 'Ideas' }),
    source: NO_DEPENDENTS,
    tags: ['settings'],
    pages: ALL_HTML,
  },
}

/** The body the lake (and Sanity) would send for this change. */
async function delivery(before: Doc | null, after: Doc | null): Promise<string> {
  const tree = parse(REVALIDATE_PROJECTION, { mode: 'delta' })
  const value = await evaluate(tree, { root: after ?? before, before, after, dataset: [before, after].filter(Boolean) })
  return JSON.stringify(await value.get())
}

let pageTags: Record<string, string[]>
beforeAll(async () => {
  pageTags = {}
  for (const [page, render] of Object.entries(PAGES)) pageTags[page] = await tagsOf(render)
})

describe('the tag plan: each kind of change revalidates exactly these tags, so exactly these pages', () => {
  it.each(Object.entries(TABLE))('%s', async (_kind, row) => {
    const change = changeFromBody(await delivery(row.before, row.after))
    const revalidated = tagsForChange(change, row.source)
    expect([...revalidated].sort()).toEqual(row.tags)
    const reached = Object.keys(PAGES).filter((page) => pageTags[page]!.some((tag) => revalidated.includes(tag)))
    expect(reached.sort()).toEqual([...row.pages].sort())
  })

  it('a body from the old projection ({_type, slug}) still revalidates the document’s own page', () => {
    expect(tagsForChange(changeFromBody(JSON.stringify({ _type: 'author', slug: 'jane' })))).toEqual(['author:jane', 'list:author'])
  })

  it('README.md gives Sanity the same projection', () => {
    const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8')
    const squeeze = (text: string) =>
      text
        .replace(/\s+/g, ' ')
        .replace(/([{(]) /g, '$1')
        .replace(/ ([})])/g, '$1')
    expect(squeeze(readme)).toContain(`\`${squeeze(REVALIDATE_PROJECTION)}\``)
  })

  it('a type no page shows revalidates nothing', async () => {
    const asset = { _id: 'image-x', _type: 'sanity.imageAsset', _rev: 'r1' }
    expect(tagsForChange(changeFromBody(await delivery(null, asset)))).toEqual([])
  })
})

describe('findDependents asks the source, fresh', () => {
  it('for the referrers, and for related pages only when cards changed', async () => {
    fetchMock.mockImplementation(async (query: string) =>
      query === referrersQuery ? [{ _id: 'article-a', _type: 'article', slug: 'a', topics: ['topic-strategy'] }] : ['c'],
    )
    const bio = changeFromBody(await delivery(jane, edit(jane, { bio: [] })))
    expect(await content.findDependents(bio)).toEqual({ referrers: [article('article-a', 'a')], relatedPages: [] })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0]).toEqual([referrersQuery, { id: 'author-jane' }, { cache: 'no-store', useCdn: false }])

    fetchMock.mockClear()
    const rename = changeFromBody(await delivery(jane, edit(jane, { name: 'J' })))
    expect(await content.findDependents(rename)).toEqual({ referrers: [article('article-a', 'a')], relatedPages: ['c'] })
    expect(fetchMock.mock.calls[1]).toEqual([
      relatedPagesQuery,
      { holders: ['article-a'], topics: ['topic-strategy'] },
      { cache: 'no-store', useCdn: false },
    ])
  })

  it('for an article, with the topics it was in before and is in after the change', async () => {
    const moved = changeFromBody(await delivery(articleA, edit(articleA, { topics: [ref('topic-finance')] })))
    await content.findDependents(moved)
    expect(fetchMock.mock.calls[1]?.[1]).toEqual({ holders: ['article-a'], topics: ['topic-strategy', 'topic-finance'] })
  })
})
