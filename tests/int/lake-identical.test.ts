/**
 * The planner and indexes must never change an answer: every query here runs through the
 * lake's indexed path and through plain groq-js (no index, no planner) on the same view, and the
 * two results must be deep-equal. Data: the fixture (drafts included) plus 300 generated articles
 * and a few documents with awkward ids; the site's own queries (imported from
 * lib/content/queries, so the test follows the site) also run on the sample dataset
 * (content/data.ndjson, imported as the lake loads it) plus 120 generated articles.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { DatasetView, importExportedDocuments, parseNdjson, runQuery, type LakeDocument, type Perspective } from '@/lake'
import { DatasetViews, nextDocuments } from '@/lake/view'
import { evaluate, type ExprNode } from 'groq-js'

import { parseQuery } from '@/lake/execute'
import { decodeTerms, encodeReferenceArg } from '@/lake/plan/dynamic-ref'
import { articleBySlugQuery } from '@/lib/content/queries/article'
import { articlesPageQuery, homeArticlesQuery } from '@/lib/content/queries/articles'
import { authorBySlugQuery } from '@/lib/content/queries/author'
import { searchArticlesQuery } from '@/lib/content/queries/search'
import { generateContent } from '@/scripts/generate-content'

const fixtureDocs = parseNdjson(readFileSync(join(__dirname, '../fixtures/lake/data.ndjson'), 'utf8'), 'fixture')
const generate = (n: number) => generateContent(n).filter((d) => d._id !== 'siteSettings') as LakeDocument[]
const generated = generate(300)
/** Ids and values that the planner's encoding of scope-dependent index values must survive. */
const oddities: LakeDocument[] = [
  {
    _id: 'odd-1',
    _type: 'oddity',
    ids: ['we|ird', 'x', '😀s1:', 'lone\uD800', '\uD800', '', 7, ['we|ird']],
    one: 'we|ird',
    ref: { _ref: 'lone\uD800' },
  },
  { _id: 'we|ird', _type: 'oddity', refs: [{ _ref: 'lone\uD800' }, { _ref: '😀s1:' }], one: '\uD800', ref: { _ref: 'odd-1' } },
  { _id: 'lone\uD800', _type: 'oddity', refs: [{ _ref: '\uD800' }, { _ref: '' }, { _ref: 'x' }], one: 3, ref: { _ref: 'we|ird' } },
  { _id: '😀s1:', _type: 'oddity', refs: [{ _ref: 'we|ird' }], ids: 'odd-1' },
  { _id: '\uD800', _type: 'oddity', x: { _ref: 'odd-1' } },
]
const docs = [...fixtureDocs, ...generated, ...oddities]

const sampleDir = join(__dirname, '../../content')
const sampleDocs = importExportedDocuments(parseNdjson(readFileSync(join(sampleDir, 'data.ndjson'), 'utf8'), 'content/data.ndjson'), {
  datasetDir: sampleDir,
}) as LakeDocument[]
/**
 * 120 generated articles beside the sample: ten listing pages. Plain groq-js runs the listing's
 * topic subquery once per article (quadratic), so 300 made the oracle itself take seconds a run.
 */
const siteGenerated = generate(120)
const siteDocs = [...sampleDocs, ...siteGenerated]
/** A word of a generated article's title and the last name of one of its authors, as search terms. */
const titleAndAuthor = (() => {
  const article = siteGenerated.find((d) => d._type === 'article' && Array.isArray(d.authors))!
  const author = siteGenerated.find((d) => d._id === (article.authors as Array<{ _ref: string }>)[0]!._ref)!
  const word = (text: unknown) =>
    String(text)
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => /^[a-z]{4,}$/.test(w))
  return [`${word(article.title)[0]}*`, word(author.name).at(-1)!]
})()
const slugOf = (id: string) => ((siteDocs.find((d) => d._id === id)?.slug ?? {}) as { current?: string }).current

const articleBySlug = `*[_type == "article" && slug.current == $slug][0]{_id, title, "slug": slug.current, standfirst, publishedAt, mainImage, body, seo,
  "wordCount": length(string::split(pt::text(body), " ")), "authors": authors[]->{_id, name, "slug": slug.current, role, affiliation, bio, photo},
  "topics": topics[]->{_id, title, "slug": slug.current}, "researchLinks": researchLinks[]->{_id, title, description, url, kind},
  "related": relatedArticles[]->{_id, title, "slug": slug.current, standfirst, publishedAt}}`
const listing = `*[_type == "article" && defined(slug.current)] | order(publishedAt desc) [$start...$end]{_id, title, "slug": slug.current, standfirst, publishedAt, mainImage,
  "authors": authors[]->{_id, name, "slug": slug.current, role}, "topics": topics[]->{_id, title, "slug": slug.current}}`
const topicListing = listing.replace(
  'defined(slug.current)]',
  'defined(slug.current) && references(*[_type == "topic" && slug.current == $topic][0]._id)]',
)

const battery: Array<[string, string, Record<string, unknown>]> = [
  ['article by slug', articleBySlug, { slug: 'how-boards-learn' }],
  ['article by generated slug', articleBySlug, { slug: (docs.find((d) => d._id === 'article-7')?.slug as { current: string }).current }],
  ['article by missing slug', articleBySlug, { slug: 'no-such-article' }],
  ['slug param of the wrong type', articleBySlug, { slug: 42 }],
  ['listing, first page', listing, { start: 0, end: 12 }],
  ['listing, later page', listing, { start: 36, end: 48 }],
  ['topic listing', topicListing, { topic: 'leadership', start: 0, end: 12 }],
  ['topic listing, generated topic', topicListing, { topic: 'strategy', start: 12, end: 24 }],
  ['topic listing, unknown topic', topicListing, { topic: 'nope', start: 0, end: 12 }],
  ['count', 'count(*[_type == "article" && defined(slug.current)])', {}],
  ['count everything', 'count(*)', {}],
  [
    'fixed terms: comparisons that are null for some documents',
    '*[_type == "article" && title > "M" && !(slug.current in ["x"])] | order(_id)._id',
    {},
  ],
  ['fixed terms: a term that is not a boolean', '*[_type == "article" && title && defined(slug)]._id', {}],
  ['fixed terms: through a reference', '*[_type == "article" && defined(authors[0]->name) && authors[0]->name != "Ada Byron"]._id', {}],
  [
    'fixed terms beside a parameter',
    '*[_type == "article" && defined(slug.current) && publishedAt > $date] | order(_id)._id',
    { date: '2020-01-01' },
  ],
  [
    'fixed terms beside the same with another parameter',
    '*[_type == "article" && defined(slug.current) && publishedAt > $date] | order(_id)._id',
    { date: '2024-06-01' },
  ],
  ['fixed terms beside now()', '*[_type == "article" && defined(title) && dateTime(publishedAt) < now()] | order(_id)._id', {}],
  ['fixed terms in parentheses and an or', '*[(_type == "article" && defined(title)) || _type == "topic"]._id', {}],
  ['fixed terms, none passing', '*[_type == "article" && defined(nope) && _id != $id]._id', { id: 'x' }],
  ['order by two keys', '*[_type == "author"] | order(role asc, name desc) {name, role}', {}],
  ['slice of everything', '*[3...9]._id', {}],
  ['match', '*[_type == "article" && title match "boards*"]._id', {}],
  ['match on body text', '*[_type == "article" && pt::text(body) match "culture"]{_id, "text": pt::text(body)}', {}],
  ['references a param', '*[references($id)]._id', { id: 'author-ada' }],
  ['references several ids', '*[references(["topic-1", "topic-leadership"])] | order(_id)._id', {}],
  ['id lookup', '*[_id == $id][0]{..., "authors": authors[]->name}', { id: 'article-teams' }],
  ['_id in list', '*[_id in $ids]._id', { ids: ['article-1', 'author-ada', 'nope'] }],
  ['type and or', '*[_type == "topic" || _type == "author"] | order(_id) [0...5]._id', {}],
  ['nested subquery using ^', '*[_type == "author"][0...3]{name, "articles": count(*[_type == "article" && references(^._id)])}', {}],
  ['deref of a missing document', '*[_type == "article"][0]{"missing": {"_ref": "nope"}->, "first": authors[0]->name}', {}],
  ['site settings', '*[_id == "siteSettings"][0]{title, "links": latestResearch.links[]->title}', {}],
  [
    'projection with splat',
    '*[_type == "topic"] | order(title asc) [0...3]{..., "n": count(*[_type == "article" && references(^._id)])}',
    {},
  ],
  ['array functions', 'array::unique(*[_type == "article"].topics[]._ref) | order(@)', {}],
  ['score', '*[_type == "article"] | score(title match "boards") | order(_score desc, _id asc) [0...3]{_id, _score}', {}],
  ['drafts path filter', '*[_id in path("drafts.**")]._id', {}],
  [
    'references(^...) in a projection (dynamic index)',
    '*[_type == "article"] | order(_id) [0...8]{_id, "peers": *[_type == "article" && _id != ^._id && references(coalesce(^.topics[]._ref, []))] | order(publishedAt desc, _id) [0...3]._id}',
    {},
  ],
  ['references(^ array of objects) takes no ids', '*[_type == "article"][0...4]{"r": *[references(^.topics)]._id}', {}],
  [
    'references(^.^...) from two scopes up',
    '*[_type == "topic"][0...3]{_id, "a": *[_type == "author"][0...2]{_id, "n": count(*[references(^._id) && references(^.^._id)])}}',
    {},
  ],
  [
    'references(^, param, literal)',
    '*[_type == "author"][0...3]{"n": *[references(^._id, $id, "topic-1")]._id}',
    { id: 'topic-leadership' },
  ],
  [
    '_id == ^.ref (dynamic equality)',
    '*[_type == "article"][0...6]{"first": *[_id == ^.authors[0]._ref][0].name, "same": *[^.slug.current == slug.current]._id}',
    {},
  ],
  [
    'equality with a non-string ^ value',
    '*[_type == "article"][0...3]{"n": count(*[_type == ^.featured]), "m": count(*[slug.current == ^.missing])}',
    {},
  ],
  ['^ inside a nested scope of the value', '*[_type == "article"][0...3]{"n": *[references(^.topics[_ref != ^._id]._ref)]._id}', {}],
  [
    'awkward ids',
    '*[_type == "oddity"] | order(_id) {_id, "by": *[references(^.ids)]._id, "byOne": *[references(^.one)]._id, "eq": *[_id == ^.one]._id, "ref": *[_id == ^.ref._ref]._id, "refs": *[references(^.refs[]._ref)]._id}',
    {},
  ],
  ['match through the text index: title', '*[title match $q]._id', { q: 'boards*' }],
  ['match: several words, one of them a prefix', '*[_type == "article" && title match $q]._id', { q: 'team lead*' }],
  ['match: pt::text of the body', '*[pt::text(body) match "cult*"]._id', {}],
  ['match: referenced names', '*[authors[]->name match $q]._id', { q: 'KENJI' }],
  ['match: one reference', '*[_type == "article" && authors[0]->name match "tanaka"]._id', {}],
  ['match: an array of patterns', '*[title match ["team*", "boards"]]._id', {}],
  ['match: a pattern with a non-string', '*[title match ["team*", 3]]._id', {}],
  ['match: a pattern of punctuation only', '*[title match "!!! ---"]._id', {}],
  ['match: a dot matches any character', '*[standfirst match "cult.re"]._id', {}],
  ['match: ids', '*[_id match "article-1*"]._id', {}],
  ['match: a word in no document', '*[title match "zzzqx"]._id', {}],
  [
    'every term matched by one of the texts (the search filter)',
    '*[_type == "article" && count($terms[!(^.title match @ || pt::text(^.body) match @ || ^.authors[]->name match @)]) == 0]._id',
    { terms: ['team*', 'okafor'] },
  ],
  [
    'every term: terms not an array, an empty array, a non-string term',
    '{"a": count(*[count($t1[!(^.title match @)]) == 0]), "b": count(*[count($t2[!(^.title match @)]) == 0]), "c": count(*[count($t3[!(^.title match @)]) == 0])}',
    { t1: 'team', t2: [], t3: ['team*', 7] },
  ],
  [
    'top-k: related by topic, newest first',
    '*[_type == "article"] | order(_id) [0...12]{_id, "r": *[_type == "article" && _id != ^._id && references(coalesce(^.topics[]._ref, []))] | order(publishedAt desc) [0...3]._id}',
    {},
  ],
  [
    'top-k: a key with many ties, a later slice, inclusive',
    '*[_type == "article"][0...6]{"a": *[_type == "article" && _id != ^._id && references(^.authors[]._ref)] | order(featured desc) [1...4]._id, "b": *[references(^.topics[0]._ref)] | order(featured asc, seo.title desc) [0..2]._id}',
    {},
  ],
  [
    'top-k: keys of mixed types and missing keys',
    '*[_type == "oddity"]{_id, "a": *[_id != ^._id && _type == ^._type] | order(one desc) [0...2]._id, "b": *[_id != ^._id && _type == ^._type] | order(one asc) [0...9]._id, "c": *[_type == ^._type && defined(one)] | order(ref._ref) [0...1]._id}',
    {},
  ],
  [
    'top-k: fewer hits than the slice, and none',
    '*[_type == "author"][0...3]{"few": *[_type == "article" && references(^._id) && featured == true] | order(publishedAt desc) [0...50]._id, "none": *[_type == "article" && references(^._id) && _id == "nope"] | order(publishedAt desc) [0...3]}',
    {},
  ],
  [
    '^ in filters inside a map (hidden scope) and a projection',
    '*[_type == "article"] | order(_id) [0...4]{_id, "t": topics[]{"n": count(*[references(^._ref)]), "self": *[_id == ^._id][0]._id, "up": *[_id == ^.^._id][0]._id}, "names": authors[]->name, "m": topics[]._ref[count(*[_id == ^ && references(^)]) >= 0]}',
    {},
  ],
  [
    'a filter whose ^ stays inside it is computed once (closed)',
    '*[_type == "author"][0...3]{name, "n": count(*[_type == "article" && count(topics[@._ref in *[_type == "topic"][0...2]._id]) > 0]), "m": count(*[count($ids[^._id == @]) > 0])}',
    { ids: ['article-1', 'article-2', 'nope'] },
  ],
  [
    'score with boosts, body text and referenced names (computed by the lake)',
    '*[_type == "article"] | score(boost(title match $t, 8), boost(standfirst match $t, 4), boost(authors[]->name match $t, 2), pt::text(body) match $t, boost(seo.title match "team", 1)) | order(_score desc, _id) [0...20]{_id, _score}',
    { t: ['team*', 'kenji'] },
  ],
  [
    'score with a pattern holding a non-string',
    '*[_type == "article"] | score(title match $t, pt::text(body) match $t) | order(_score desc, _id) [0...5]{_id, _score}',
    { t: ['team', 3] },
  ],
  [
    'score of elements with their own _score, and of non-objects',
    '(*[_type == "article"] | order(_id) [0...6]{_id, title, "_score": 1.5, body} + ["text", 3]) | score(title match "team*", pt::text(body) match "cult*") | order(_score desc)[0...6]{_id, _score}',
    {},
  ],
  [
    'order of a whole filter (computed by the lake), and one with ties',
    '{"a": *[_type == "article"] | order(seo.title asc, featured desc, _id)[0...10]._id, "b": *[_type == "article"] | order(featured desc)[0...40]._id}',
    {},
  ],
  [
    'order by computed datetimes and paths (left to groq-js)',
    '{"d": *[_type == "article"]{_id, "d": dateTime(publishedAt)} | order(d desc, _id)[0...8]._id, "p": *[_type == "topic"]{_id, "p": path(_id)} | order(p desc)._id}',
    {},
  ],
  [
    'order of mixed values: missing keys, non-objects, arrays and objects as keys',
    '{"scalars": (*[_type == "oddity"] + [1, "a", null, [2], {"one": false}, {"one": "b"}]) | order(one desc), "objects": (*[_type == "oddity"] + [1, {"one": "b"}]) | order(one desc, ids, ref)}',
    {},
  ],
  [
    'coalesce and select',
    '*[_type == "article"][0...5]{"t": coalesce(seo.title, title), "f": select(featured == true => "yes", "no")}',
    {},
  ],
]

const perspectives: Perspective[] = ['published', 'drafts', 'raw']

/**
 * One query's answer on a view, through the indexed path or (plain) through groq-js alone. The
 * plain oracle has no time budget worth the name: it is the reference, not the lake under test,
 * and a busy machine can slow it many times over.
 */
const answer = (view: DatasetView, query: string, params: Record<string, unknown>, plain = false) =>
  runQuery(view, query, { params, timeoutMs: plain ? 600_000 : 30_000, plain })

/** The indexed answer, first and again from the memo of query fragments, equals plain groq-js's. */
async function expectIndexedToEqualPlain(view: DatasetView, query: string, params: Record<string, unknown>) {
  const run = async (plain: boolean) => JSON.parse(JSON.stringify(await answer(view, query, params, plain)))
  const plain = await run(true)
  expect(await run(false)).toEqual(plain)
  expect(await run(false)).toEqual(plain)
}

describe.each(perspectives)('the indexed path returns exactly what plain groq-js returns (%s)', (perspective) => {
  const view = new DatasetView(docs, perspective)
  it.each(battery)('%s', (_name, query, params) => expectIndexedToEqualPlain(view, query, params))
})

/**
 * Documents that probe how the lake decides the search filter's every-term itself (index-terms.ts
 * `everyTermHolds`): texts that are arrays with non-strings, empty strings, bodies split across
 * spans, a lone block and nested arrays, references that dangle or are not references, a
 * reference list that is not a list, one reference (`->`), and a draft whose text differs.
 */
const block = (...texts: string[]) => ({ _type: 'block', children: texts.map((text) => ({ _type: 'span', text })) })
const matchDocs: LakeDocument[] = [
  { _id: 'mt-a1', _type: 'mtAuthor', name: 'Work Teamster' },
  { _id: 'drafts.mt-a1', _type: 'mtAuthor', name: 'Drafted Quokka' },
  { _id: 'mt-a2', _type: 'mtAuthor', name: ['Team', 7, 'Lead.'] },
  { _id: 'mt-1', _type: 'mt', title: 'Team', standfirst: 'work' },
  { _id: 'mt-2', _type: 'mt', title: 'team work' },
  { _id: 'drafts.mt-2', _type: 'mt', title: 'Quokka team' },
  { _id: 'mt-3', _type: 'mt', title: ['team', 3, ['work']], standfirst: '' },
  { _id: 'mt-4', _type: 'mt', title: '', body: [block('te', 'am wo', 'rk'), block('...')] },
  { _id: 'mt-5', _type: 'mt', authors: [{ _ref: 'mt-a1' }, { _ref: 'missing' }, 'x', { _ref: 3 }, null], title: 'a.b' },
  { _id: 'mt-6', _type: 'mt', authors: { _ref: 'mt-a1' }, author: { _ref: 'mt-a2' } },
  { _id: 'mt-7', _type: 'mt', body: block('team', ' work'), author: { _ref: 'mt-a1' } },
  { _id: 'mt-8', _type: 'mt', body: [[block('nested team')], 'work', { _type: 'image' }], standfirst: 'Work!' },
  { _id: 'mt-9', _type: 'mt', title: 'Téam wörk', authors: [{ _ref: 'mt-a2' }, { _ref: 'mt-a2' }] },
  { _id: 'mt-10', _type: 'mt', title: 42, standfirst: { text: 'team work' }, body: 'team work' },
  // A list of strings, and a string spelling that list's JSON: their tokens differ (team, work vs team, nwork).
  { _id: 'mt-11', _type: 'mt', title: ['team\nwork'] },
  { _id: 'mt-12', _type: 'mt', title: JSON.stringify(['team\nwork']) },
]
const everyTerm = `*[_type == "mt" && count($terms[!(^.title match @ || ^.standfirst match @ || pt::text(^.body) match @ || ^.authors[]->name match @ || ^.author->name match @)]) == 0]`
const everyTermBattery: Array<[string, Record<string, unknown>]> = [
  ['one word', { terms: ['team'] }],
  ['a prefix', { terms: ['tea*'] }],
  ['two words', { terms: ['team*', 'work'] }],
  ['two words in one term (both in the same text)', { terms: ['team-work'] }],
  ['a word only in referenced names', { terms: ['teamster'] }],
  ['a word only in a draft', { terms: ['quokka'] }],
  ['a word in a title and one in an author name', { terms: ['team', 'teamster'] }],
  ['dots and case', { terms: ['A.B', 'lead.'] }],
  ['accents', { terms: ['téam', 'WÖRK*'] }],
  ['a wildcard alone', { terms: ['*'] }],
  ['a dot matches any character', { terms: ['t.am'] }],
  ['punctuation only', { terms: ['...'] }],
  ['an empty term', { terms: [''] }],
  ['a term that is a list', { terms: [['team', 'work']] }],
  ['a list holding a non-string', { terms: [['team', 1]] }],
  ['a non-string term', { terms: ['team', 7] }],
  ['no terms', { terms: [] }],
  ['terms not an array', { terms: 'team' }],
  ['terms null', { terms: null }],
  ['a word in no document', { terms: ['zzzqx'] }],
  // After the cases above have read mt-11's title: the lake keeps texts' tokens between queries.
  ['a word of a string that spells a list', { terms: ['nwork'] }],
]

describe.each(perspectives)('the search filter decided by the lake = plain groq-js (%s)', (perspective) => {
  const view = new DatasetView([...docs, ...matchDocs], perspective)
  it.each(everyTermBattery)('%s', (_name, params) =>
    expectIndexedToEqualPlain(
      view,
      `{"ids": ${everyTerm}._id, "n": count(${everyTerm}), "other": count(*[_id match "mt*" && count($terms[!(^.title match @)]) == 0]), "one": *[_id == "mt-2" && count($terms[!(^.title match @ || ^.authors[]->name match @)]) == 0]._id}`,
      params,
    ),
  )
})

/** The site's own queries, as the site sends them (see lib/content/loaders). */
const siteBattery: Array<[string, string, Record<string, unknown>]> = [
  ['articleBySlugQuery, sample article', articleBySlugQuery, { slug: slugOf('article-shifting-position-of-leadership') }],
  ['articleBySlugQuery, sample article with a draft', articleBySlugQuery, { slug: slugOf('article-board-questions-cyber') }],
  ['articleBySlugQuery, generated article', articleBySlugQuery, { slug: slugOf('article-7') }],
  [
    'articleBySlugQuery, generated article with picks',
    articleBySlugQuery,
    { slug: slugOf(siteGenerated.find((d) => ((d.relatedArticles ?? []) as unknown[]).length >= 2)!._id) },
  ],
  ['articleBySlugQuery, missing', articleBySlugQuery, { slug: 'no-such-article' }],
  ['articlesPageQuery, all', articlesPageQuery, { topic: null, start: 0, end: 12 }],
  ['articlesPageQuery, topic', articlesPageQuery, { topic: 'leadership', start: 0, end: 12 }],
  ['articlesPageQuery, generated topic', articlesPageQuery, { topic: slugOf('topic-3'), start: 0, end: 12 }],
  ['homeArticlesQuery', homeArticlesQuery, {}],
  ['authorBySlugQuery, sample author', authorBySlugQuery, { slug: slugOf('author-jennifer-jordan') }],
  ['authorBySlugQuery, generated author', authorBySlugQuery, { slug: slugOf('author-2') }],
  ['searchArticlesQuery', searchArticlesQuery, { terms: ['leader'], start: 0, end: 12 }],
  ['searchArticlesQuery, prefix terms, later page', searchArticlesQuery, { terms: ['leader*', 'team*'], start: 12, end: 24 }],
  ['searchArticlesQuery, wildcard lead*', searchArticlesQuery, { terms: ['lead*'], start: 0, end: 12 }],
  ['searchArticlesQuery, three terms', searchArticlesQuery, { terms: ['board*', 'team*', 'cult*'], start: 0, end: 12 }],
  [
    'searchArticlesQuery, punctuation in terms',
    searchArticlesQuery,
    { terms: ['boards.', 'team-work', "o'brien", '...', 'c.lture'], start: 0, end: 12 },
  ],
  ['searchArticlesQuery, unicode and case', searchArticlesQuery, { terms: ['CHLOÉ', 'garcía'], start: 0, end: 12 }],
  ['searchArticlesQuery, a term only in author names', searchArticlesQuery, { terms: ['okafor'], start: 0, end: 12 }],
  ['searchArticlesQuery, a title word and an author name', searchArticlesQuery, { terms: titleAndAuthor, start: 0, end: 12 }],
  ['searchArticlesQuery, a common word, second page', searchArticlesQuery, { terms: ['leadership*'], start: 12, end: 24 }],
  ['searchArticlesQuery, a full author name', searchArticlesQuery, { terms: ['kenji*', 'tanaka*'], start: 0, end: 12 }],
  ['searchArticlesQuery, a term matching nothing', searchArticlesQuery, { terms: ['zzzqx'], start: 0, end: 12 }],
  ['searchArticlesQuery, one term matching nothing among others', searchArticlesQuery, { terms: ['team*', 'zzzqx'], start: 0, end: 12 }],
  ['searchArticlesQuery, no terms', searchArticlesQuery, { terms: [], start: 0, end: 12 }],
  ['searchArticlesQuery, terms not an array', searchArticlesQuery, { terms: 'team', start: 0, end: 12 }],
  ['searchArticlesQuery, a term that is a list', searchArticlesQuery, { terms: [['team*', 'board*']], start: 0, end: 12 }],
]

describe.each(perspectives)("the site's queries: indexed path = plain groq-js on the sample dataset + 120 articles (%s)", (perspective) => {
  const view = new DatasetView(siteDocs, perspective)
  it.each(siteBattery)('%s', (_name, query, params) => expectIndexedToEqualPlain(view, query, params))
})

describe.each(perspectives)('the text index follows writes: indexed path = plain groq-js after each (%s)', (perspective) => {
  const text = (id: string, title: string, extra: Record<string, unknown> = {}): LakeDocument => ({
    _id: id,
    _type: 'article',
    title,
    slug: { _type: 'slug', current: id },
    publishedAt: '2024-01-01T00:00:00Z',
    ...extra,
  })
  const author = siteGenerated.find((d) => d._type === 'author')!
  const article = siteGenerated.find((d) => d._type === 'article')!
  const searches: Array<[string, Record<string, unknown>]> = [
    [searchArticlesQuery, { terms: ['quokka*'], start: 0, end: 12 }],
    [searchArticlesQuery, { terms: ['wombat'], start: 0, end: 12 }],
    [searchArticlesQuery, { terms: ['team*', 'platypus'], start: 0, end: 12 }],
    [searchArticlesQuery, { terms: ['echidna*'], start: 0, end: 12 }],
    [searchArticlesQuery, { terms: ['smith', 'quokka*'], start: 0, end: 12 }],
    [searchArticlesQuery, { terms: [String(author.name).split(' ')[0]!.toLowerCase()], start: 0, end: 12 }],
    ['*[title match $q]._id', { q: 'quokka*' }],
    ['*[authors[]->name match $q]._id', { q: 'echidna' }],
  ]
  const writes: Array<Map<string, LakeDocument | null>> = [
    new Map([['new-1', text('new-1', 'Quokka wombat')]]),
    new Map([['drafts.new-1', text('drafts.new-1', 'Platypus team')]]),
    new Map<string, LakeDocument | null>([
      ['new-1', text('new-1', 'Nothing here')],
      [article._id, { ...article, title: 'Quokkas lead' }],
    ]),
    new Map([[author._id, { ...author, name: 'Echidna Smith' }]]),
    new Map<string, LakeDocument | null>([
      ['drafts.new-1', null],
      [article._id, null],
    ]),
    new Map([
      [
        'new-2',
        text('new-2', 'A.b quokka', {
          body: [
            {
              _type: 'block',
              children: [
                { _type: 'span', text: 'wom' },
                { _type: 'span', text: 'bat' },
              ],
            },
          ],
        }),
      ],
    ]),
  ]
  it('through a chain of writes', async () => {
    let views = new DatasetViews(siteDocs)
    let view = views.get(perspective)
    for (const [query, params] of searches) await expectIndexedToEqualPlain(view, query, params)
    for (const changed of writes) {
      views = new DatasetViews(nextDocuments(views.docs, changed), { after: { previous: views, changed } })
      view = views.get(perspective)
      for (const [query, params] of searches) await expectIndexedToEqualPlain(view, query, params)
    }
    const found = (await answer(view, '*[title match "quokka*"]._id', {})) as string[]
    expect(found).toContain('new-2')
  })
})

it('the related-articles subquery of articleBySlugQuery is a top-k walk', () => {
  const { plan } = parseQuery(articleBySlugQuery, { slug: 'x' })
  const topK = (slots: typeof plan.deps): unknown[] =>
    slots.flatMap((s) => [...(s.kind === 'candidates' && s.topK ? [s.topK] : []), ...topK(s.deps)])
  expect(topK(plan.deps)).toEqual([{ keys: [{ path: ['publishedAt'], desc: true }], limit: 3 }])
})

it('the search filter takes its candidates from the text index', () => {
  const { plan } = parseQuery(searchArticlesQuery, { terms: ['x'], start: 0, end: 12 })
  const kinds = (slots: typeof plan.deps): string[] =>
    slots.flatMap((s) => [...(s.kind === 'candidates' ? s.indexed.map((t) => t.term.kind) : []), ...kinds(s.deps)])
  expect(kinds(plan.deps).filter((k) => k === 'match')).toHaveLength(2)
})

it("the lake decides the search filter's every-term for both of the search's filters", () => {
  const { plan } = parseQuery(searchArticlesQuery, { terms: ['x'], start: 0, end: 12 })
  const exact = (slots: typeof plan.deps): unknown[] =>
    slots.flatMap((s) => [...(s.kind === 'candidates' && s.exact ? [s.exact.term.term] : []), ...exact(s.deps)])
  expect(exact(plan.deps)).toEqual([
    expect.objectContaining({ kind: 'match', every: true }),
    expect.objectContaining({ kind: 'match', every: true }),
  ])
})

it("the search's and the listings' filters find the documents that are listable once per view", () => {
  for (const [query, params] of [
    [searchArticlesQuery, { terms: ['x'], start: 0, end: 12 }],
    [articlesPageQuery, { topic: null, start: 0, end: 12 }],
  ] as const) {
    const { plan } = parseQuery(query, params)
    const fixed = (slots: typeof plan.deps): string[] =>
      slots.flatMap((s) => [...(s.kind === 'candidates' && s.fixed ? [s.fixed.key] : []), ...fixed(s.deps)])
    const keys = fixed(plan.deps)
    // The page's filter and its count's share one key, so one set of documents serves both.
    const listable = keys.filter((key) => key.includes('"name":"standfirst"'))
    expect(listable).toHaveLength(2)
    expect(new Set(listable).size).toBe(1)
    // Every term of these filters is decided by the lake: when it could, the candidates are the result.
    const decidedFilters = JSON.stringify(plan).match(
      /"type":"Select","alternatives":\[\{"type":"SelectAlternative","condition":\{"type":"(And|Parameter)"[^]*?"fallback":\{"type":"Filter"/g,
    )
    expect(decidedFilters?.length).toBeGreaterThanOrEqual(2)
  }
})

it('the related-articles subquery of articleBySlugQuery takes its candidates from the references index', () => {
  const { plan } = parseQuery(articleBySlugQuery, { slug: 'x' })
  const dynamic = (slots: typeof plan.deps): unknown[] =>
    slots.flatMap((s) => [...(s.kind === 'candidates' ? s.dynamic : []), ...dynamic(s.deps)])
  expect(dynamic(plan.deps)).toEqual([{ kind: 'references' }])
})

it('scope-dependent index values survive the encoding groq-js builds and the executor decodes', async () => {
  const values: unknown[] = [
    'plain',
    '',
    'we|ird',
    's3:x',
    '😀',
    'a😀b',
    'lone\uD800',
    '\uD800',
    '\uDC00x',
    '\uD800\uD800',
    'é',
    7,
    null,
    true,
    { _ref: 'x' },
    ['a', 'we|ird', '', 'lone\uD800', '\uD800', 3, null, ['nested'], '😀'],
    [],
  ]
  for (const v of values) {
    const node = encodeReferenceArg({ type: 'Parameter', name: 'v' } as ExprNode)
    const text = await (await evaluate(node, { params: { v } })).get()
    const strings = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []
    const decoded = decodeTerms(`|${text as string}`, 1)
    expect(decoded?.[0]?.filter((x) => x !== null)).toEqual(strings)
  }
  expect(decodeTerms('|s9:short', 1)).toBeNull()
})

it('the site battery exercises real data', async () => {
  const view = new DatasetView(siteDocs, 'published')
  const article = (await answer(view, articleBySlugQuery, { slug: slugOf('article-7') })) as { related: unknown[] }
  expect(article.related.length).toBeGreaterThan(3)
  const search = (await answer(view, searchArticlesQuery, { terms: ['leader'], start: 0, end: 12 })) as { total: number }
  expect(search.total).toBeGreaterThan(0)
  const author = (await answer(view, authorBySlugQuery, { slug: slugOf('author-2') })) as { articles: unknown[] }
  expect(author.articles.length).toBeGreaterThan(0)
})

it('the battery exercises real data (not only empty results)', async () => {
  const view = new DatasetView(docs, 'published')
  const page = (await answer(view, listing, { start: 0, end: 12 })) as unknown[]
  expect(page).toHaveLength(12)
  const topic = (await answer(view, topicListing, { topic: 'leadership', start: 0, end: 12 })) as unknown[]
  expect(topic.length).toBeGreaterThan(0)
})
