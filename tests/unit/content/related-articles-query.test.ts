/**
 * Related articles, as the article query selects them (run by groq-js, which the lake uses) and
 * as the schema trims them: editor's picks first, then the newest sharing a topic, 3 at most.
 */
import { evaluate, parse } from 'groq-js'

import { articleBySlugQuery, relatedList } from '@/lib/content/queries/article'

const ref = (id: string) => ({ _type: 'reference', _key: id, _ref: id })
const doc = (id: string, publishedAt: string, topics: string[], related: string[] = []) => ({
  _id: id,
  _type: 'article',
  slug: { current: id },
  title: id,
  standfirst: 's',
  publishedAt,
  topics: topics.map(ref),
  authors: [],
  relatedArticles: related.map(ref),
})

async function related(dataset: object[], slug: string) {
  const params = { slug }
  const article = (await (await evaluate(parse(articleBySlugQuery, { params }), { dataset, params })).get()) as {
    _id: string
    related: unknown[]
  }
  return (relatedList(article._id, article.related) as Array<{ _id: string }>).map((item) => item._id)
}

describe('related articles', () => {
  const topics = [
    { _id: 'lead', _type: 'topic', slug: { current: 'lead' }, title: 'Lead' },
    { _id: 'fin', _type: 'topic', slug: { current: 'fin' }, title: 'Fin' },
  ]

  it('puts the editor’s picks first, then the newest articles sharing a topic', async () => {
    const dataset = [
      ...topics,
      doc('self', '2020-01-01T00:00:00Z', ['lead'], ['pick-old']),
      doc('pick-old', '2001-01-01T00:00:00Z', ['fin']),
      doc('lead-new', '2024-01-01T00:00:00Z', ['lead']),
      doc('lead-mid', '2022-01-01T00:00:00Z', ['lead', 'fin']),
      doc('lead-old', '2010-01-01T00:00:00Z', ['lead']),
      doc('fin-only', '2025-01-01T00:00:00Z', ['fin']),
    ]
    expect(await related(dataset, 'self')).toEqual(['pick-old', 'lead-new', 'lead-mid'])
  })

  it('never lists the article itself or a pick twice, and skips missing picks', async () => {
    const dataset = [
      ...topics,
      doc('self', '2020-01-01T00:00:00Z', ['lead'], ['self', 'pick', 'pick', 'gone']),
      doc('pick', '2001-01-01T00:00:00Z', ['lead']),
      doc('other', '2021-01-01T00:00:00Z', ['lead']),
    ]
    expect(await related(dataset, 'self')).toEqual(['pick', 'other'])
  })

  it('stops at three picks', async () => {
    const dataset = [
      ...topics,
      doc('self', '2020-01-01T00:00:00Z', ['lead'], ['a', 'b', 'c', 'd']),
      ...['a', 'b', 'c', 'd'].map((id) => doc(id, '2001-01-01T00:00:00Z', ['fin'])),
    ]
    expect(await related(dataset, 'self')).toEqual(['a', 'b', 'c'])
  })
})
