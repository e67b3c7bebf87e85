/**
 * The search query itself, run by groq-js (the evaluator the lake uses) on a handful of named
 * articles: does `match` + `score()` + `boost()` behave the way lib/content/queries/search.ts
 * relies on?
 */
import { evaluate, parse } from 'groq-js'

import { searchArticlesQuery } from '@/lib/content/queries/search'
import { matchPatterns, searchTerms } from '@/lib/search/terms'

const span = (text: string) => ({ _type: 'block', _key: 'b', children: [{ _type: 'span', _key: 's', text, marks: [] }], markDefs: [] })
const article = (id: string, fields: { title: string; standfirst?: string; body?: string; author?: string; publishedAt?: string }) => ({
  _id: id,
  _type: 'article',
  slug: { _type: 'slug', current: id },
  title: fields.title,
  standfirst: fields.standfirst ?? 'A standfirst',
  publishedAt: fields.publishedAt ?? '2024-01-01T00:00:00Z',
  body: [span(fields.body ?? 'Plain words.')],
  authors: [{ _type: 'reference', _key: 'a', _ref: fields.author ?? 'author-plain' }],
})

const dataset = [
  { _id: 'author-plain', _type: 'author', name: 'Pat Plain', slug: { current: 'pat-plain' } },
  { _id: 'author-jordan', _type: 'author', name: 'Jennifer Jordan', slug: { current: 'jennifer-jordan' } },
  article('body-only', {
    title: 'Quarterly notes',
    body: 'Somewhere in here we discuss resilience at length.',
    publishedAt: '2025-06-01T00:00:00Z',
  }),
  article('in-title', { title: 'Resilience for boards', publishedAt: '2019-01-01T00:00:00Z' }),
  article('in-standfirst', {
    title: 'Supply chains',
    standfirst: 'Building resilience into suppliers',
    publishedAt: '2020-01-01T00:00:00Z',
  }),
  article('by-jordan', { title: 'Power at work', author: 'author-jordan' }),
  article('elsewhere', { title: 'Pricing', body: 'Nothing relevant.' }),
]

async function search(q: string, page = 1) {
  const terms = matchPatterns(searchTerms(q))
  const params = { terms, start: (page - 1) * 12, end: page * 12 }
  const result = await (await evaluate(parse(searchArticlesQuery, { params }), { dataset, params })).get()
  return result as { items: Array<{ _id: string; bodyText: string; authors: Array<{ name: string }> }>; total: number }
}

describe('the search query (groq-js)', () => {
  it('ranks a title match above a standfirst match above a body-only match', async () => {
    const { items, total } = await search('resilience')
    expect(items.map((item) => item._id)).toEqual(['in-title', 'in-standfirst', 'body-only'])
    expect(total).toBe(3)
  })

  it('finds articles by author name and by word prefix', async () => {
    expect((await search('jordan')).items.map((item) => item._id)).toEqual(['by-jordan'])
    expect((await search('resil')).total).toBe(3)
  })

  it('needs every word, but they may sit in different fields', async () => {
    expect((await search('resilience boards')).items.map((item) => item._id)).toEqual(['in-title'])
    expect((await search('power jennifer')).items.map((item) => item._id)).toEqual(['by-jordan'])
    expect((await search('resilience zebra')).total).toBe(0)
  })

  it('returns card fields with the body text and author names for highlighting', async () => {
    const [hit] = (await search('quarterly')).items
    expect(hit?.bodyText).toBe('Somewhere in here we discuss resilience at length.')
    expect(hit?.authors.map((author) => author.name)).toEqual(['Pat Plain'])
  })

  it('pages with $start and $end', async () => {
    const params = { terms: ['resilience'], start: 1, end: 2 }
    const result = (await (await evaluate(parse(searchArticlesQuery, { params }), { dataset, params })).get()) as {
      items: Array<{ _id: string }>
      total: number
    }
    expect(result.items.map((item) => item._id)).toEqual(['in-standfirst'])
    expect(result.total).toBe(3)
  })

  it.each(['"resilience', '*]{', '$x', '\\" || true', 'x'.repeat(1_000), '🙂 résilience'])('stays a plain search for %p', async (q) => {
    await expect(search(q)).resolves.toEqual(expect.objectContaining({ items: expect.any(Array), total: expect.any(Number) }))
  })

  it('still answers when one article has a 250,000-word body, and finds words in it', async () => {
    const words = Array.from({ length: 250_000 }, (_, i) => `word${i % 1000}`).join(' ')
    dataset.push(article('huge', { title: 'A very long read', body: words }))
    try {
      const result = await search('resilience')
      expect(result.items.map((item) => item._id)).toEqual(['in-title', 'in-standfirst', 'body-only'])
      expect((await search('long word17')).items.map((item) => item._id)).toEqual(['huge'])
    } finally {
      dataset.pop()
    }
  })
})
