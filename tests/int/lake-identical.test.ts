/**
 * The planner and indexes must never change an answer: every query here runs through the
 * lake's indexed path and through plain groq-js (no index, no planner) on the same view, and the
 * two results must be deep-equal. Data: the fixture (drafts included) plus 300 generated articles.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {DatasetView, parseNdjson, runQuery, type Perspective} from '@/lake'
import {generateContent} from '@/scripts/generate-content'

const fixtureDocs = parseNdjson(readFileSync(join(__dirname, '../fixtures/lake/data.ndjson'), 'utf8'), 'fixture')
const docs = [...fixtureDocs, ...generateContent(300).filter((d) => d._id !== 'siteSettings')] as typeof fixtureDocs

const articleBySlug = `*[_type == "article" && slug.current == $slug][0]{_id, title, "slug": slug.current, standfirst, publishedAt, mainImage, body, seo,
  "wordCount": length(string::split(pt::text(body), " ")), "authors": authors[]->{_id, name, "slug": slug.current, role, affiliation, bio, photo},
  "topics": topics[]->{_id, title, "slug": slug.current}, "researchLinks": researchLinks[]->{_id, title, description, url, kind},
  "related": relatedArticles[]->{_id, title, "slug": slug.current, standfirst, publishedAt}}`
const listing = `*[_type == "article" && defined(slug.current)] | order(publishedAt desc) [$start...$end]{_id, title, "slug": slug.current, standfirst, publishedAt, mainImage,
  "authors": authors[]->{_id, name, "slug": slug.current, role}, "topics": topics[]->{_id, title, "slug": slug.current}}`
const topicListing = listing.replace('defined(slug.current)]', 'defined(slug.current) && references(*[_type == "topic" && slug.current == $topic][0]._id)]')

const battery: Array<[string, string, Record<string, unknown>]> = [
  ['article by slug', articleBySlug, {slug: 'how-boards-learn'}],
  ['article by generated slug', articleBySlug, {slug: (docs.find((d) => d._id === 'article-7')?.slug as {current: string}).current}],
  ['article by missing slug', articleBySlug, {slug: 'no-such-article'}],
  ['slug param of the wrong type', articleBySlug, {slug: 42}],
  ['listing, first page', listing, {start: 0, end: 12}],
  ['listing, later page', listing, {start: 36, end: 48}],
  ['topic listing', topicListing, {topic: 'leadership', start: 0, end: 12}],
  ['topic listing, generated topic', topicListing, {topic: 'strategy', start: 12, end: 24}],
  ['topic listing, unknown topic', topicListing, {topic: 'nope', start: 0, end: 12}],
  ['count', 'count(*[_type == "article" && defined(slug.current)])', {}],
  ['count everything', 'count(*)', {}],
  ['order by two keys', '*[_type == "author"] | order(role asc, name desc) {name, role}', {}],
  ['slice of everything', '*[3...9]._id', {}],
  ['match', '*[_type == "article" && title match "boards*"]._id', {}],
  ['match on body text', '*[_type == "article" && pt::text(body) match "culture"]{_id, "text": pt::text(body)}', {}],
  ['references a param', '*[references($id)]._id', {id: 'author-ada'}],
  ['references several ids', '*[references(["topic-1", "topic-leadership"])] | order(_id)._id', {}],
  ['id lookup', '*[_id == $id][0]{..., "authors": authors[]->name}', {id: 'article-teams'}],
  ['_id in list', '*[_id in $ids]._id', {ids: ['article-1', 'author-ada', 'nope']}],
  ['type and or', '*[_type == "topic" || _type == "author"] | order(_id) [0...5]._id', {}],
  ['nested subquery using ^', '*[_type == "author"][0...3]{name, "articles": count(*[_type == "article" && references(^._id)])}', {}],
  ['deref of a missing document', '*[_type == "article"][0]{"missing": {"_ref": "nope"}->, "first": authors[0]->name}', {}],
  ['site settings', '*[_id == "siteSettings"][0]{title, "links": latestResearch.links[]->title}', {}],
  ['projection with splat', '*[_type == "topic"] | order(title asc) [0...3]{..., "n": count(*[_type == "article" && references(^._id)])}', {}],
  ['array functions', 'array::unique(*[_type == "article"].topics[]._ref) | order(@)', {}],
  ['score', '*[_type == "article"] | score(title match "boards") | order(_score desc, _id asc) [0...3]{_id, _score}', {}],
  ['drafts path filter', '*[_id in path("drafts.**")]._id', {}],
  ['coalesce and select', '*[_type == "article"][0...5]{"t": coalesce(seo.title, title), "f": select(featured == true => "yes", "no")}', {}],
]

const perspectives: Perspective[] = ['published', 'drafts', 'raw']

describe.each(perspectives)('the indexed path returns exactly what plain groq-js returns (%s)', (perspective) => {
  const view = new DatasetView(docs, perspective)
  it.each(battery)('%s', async (_name, query, params) => {
    const run = (plain: boolean) => runQuery(view, query, {params, timeoutMs: 30_000, plain})
    const plain = JSON.parse(JSON.stringify(await run(true)))
    const indexed = JSON.parse(JSON.stringify(await run(false)))
    expect(indexed).toEqual(plain)
    // A second run comes from the memo of query fragments and must agree too.
    expect(JSON.parse(JSON.stringify(await run(false)))).toEqual(plain)
  })
})

it('the battery exercises real data (not only empty results)', async () => {
  const view = new DatasetView(docs, 'published')
  const page = (await runQuery(view, listing, {params: {start: 0, end: 12}, timeoutMs: 30_000})) as unknown[]
  expect(page).toHaveLength(12)
  const topic = (await runQuery(view, topicListing, {params: {topic: 'leadership', start: 0, end: 12}, timeoutMs: 30_000})) as unknown[]
  expect(topic.length).toBeGreaterThan(0)
})
