/**
 * npm run bench:lake [-- --runs 200 --sizes 1000,10000 --search-runs 20 --plain-runs 30]
 * Generates datasets, starts the lake on a free port and times the site's hot queries through
 * @sanity/client over HTTP, then the same queries with plain groq-js in-process (no index, no
 * planner). Prints a table and writes bench/results/lake.json. Medians and p95 are over `runs`
 * runs after a warm-up.
 *
 * - article by slug (site): the site's own articleBySlugQuery, imported from
 *   lib/content/queries/article.ts, so the bench follows the site; it includes the related-articles
 *   subquery (`*[... references(coalesce(^.topics[]._ref, []))] | order(...)[0...3]`).
 * - article by slug (simplified): the older hand-written query without that subquery.
 * - listing of 12: newest articles, one page.
 * - search: the site's searchArticlesQuery (lib/content/queries/search.ts) with the words a reader
 *   typed, made into `$terms` as the site makes them (lib/search/terms.ts). "author name": an
 *   author's full name (a different author each run; a few dozen articles match); "common word":
 *   a word of the generator's small vocabulary, which nearly every generated article contains, so
 *   every article is a hit that groq-js must score. Search rows run `--search-runs` times (default
 *   `--runs`) after 2 warm-ups, and plain groq-js at most 5 times (seconds per run at 10,000).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { createClient } from '@sanity/client'

import { articleBySlugQuery } from '../lib/content/queries/article'
import { searchArticlesQuery } from '../lib/content/queries/search'
import { matchPatterns, searchTerms } from '../lib/search/terms'
import { DatasetView, parseNdjson, runQuery, startLake } from '../lake'
import { generateContent, writeContent } from './generate-content'

/** Simplified article query: no related-articles subquery. */
/** The embedded default's client settings (lib/content/api.ts). */
const LAKE_CLIENT = { projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false, useProjectHostname: false }

const articleBySlugSimplified = `*[_type == "article" && slug.current == $slug][0]{_id, title, "slug": slug.current, standfirst, publishedAt, mainImage, body, seo, "wordCount": length(string::split(pt::text(body), " ")), "authors": authors[]->{_id, name, "slug": slug.current, role, affiliation, bio, photo}, "topics": topics[]->{_id, title, "slug": slug.current}, "researchLinks": researchLinks[]->{_id, title, description, url, kind}, "related": relatedArticles[]->{_id, title, "slug": slug.current, standfirst, publishedAt}}`
const listing = `*[_type == "article" && defined(slug.current)] | order(publishedAt desc) [$start...$end]{_id, title, "slug": slug.current, standfirst, publishedAt, mainImage, "authors": authors[]->{_id, name, "slug": slug.current, role}, "topics": topics[]->{_id, title, "slug": slug.current}}`

type Stats = { median: number; p95: number; runs: number }

const stats = (ms: number[]): Stats => {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { median: round(at(0.5)), p95: round(at(0.95)), runs: ms.length }
}
const round = (n: number) => Math.round(n * 100) / 100

/** As `time`, but a query past the lake's time budget (408) is reported instead of ending the bench. */
async function timeOrTimeout(runs: number, warmup: number, run: (i: number) => Promise<unknown>): Promise<Stats | { timeout: string }> {
  try {
    return await time(runs, warmup, run)
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 408) return { timeout: 'over the time budget (408 queryTimeout)' }
    throw err
  }
}

async function time(runs: number, warmup: number, run: (i: number) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await run(i)
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await run(i + warmup)
    ms.push(performance.now() - t)
  }
  return stats(ms)
}

async function main(argv: string[]) {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1]! : fallback
  }
  const runs = Number(arg('runs', '200'))
  const sizes = arg('sizes', '1000,10000').split(',').map(Number)
  const plainRuns = Number(arg('plain-runs', '30'))
  const searchRuns = Number(arg('search-runs', String(runs)))
  const dir = mkdtempSync(join(tmpdir(), 'bench-lake-'))
  const results: Record<string, unknown> = {}
  try {
    for (const size of sizes) {
      const file = writeContent(generateContent(size), join(dir, String(size)))
      const lake = await startLake({ token: null, port: 0, datasets: { production: file }, watch: false, log: () => {} })
      const client = createClient({ ...LAKE_CLIENT, apiHost: lake.url })
      const docs = parseNdjson(readFileSync(file, 'utf8'), file)
      const slugs = docs.filter((d) => d._type === 'article').map((d) => (d.slug as { current: string }).current)
      const pages = Math.floor(slugs.length / 12)
      const slugAt = (i: number) => slugs[(i * 7919) % slugs.length]!
      const pageAt = (i: number) => ({ start: (i % pages) * 12, end: (i % pages) * 12 + 12 })
      const warmup = 20
      const authorNames = docs.filter((d) => d._type === 'author').map((d) => d.name as string)
      const COMMON = ['leadership', 'strategy', 'governance', 'family business', 'digital transformation', 'trust']
      const searchParams = (words: string, i: number) => ({
        terms: matchPatterns(searchTerms(words)),
        start: (i % 2) * 12,
        end: (i % 2) * 12 + 12,
      })
      const byAuthor = (i: number) => searchParams(authorNames[(i * 37) % authorNames.length]!, i)
      const byCommonWord = (i: number) => searchParams(COMMON[i % COMMON.length]!, i)

      const httpSite = await time(runs, warmup, (i) => client.fetch(articleBySlugQuery, { slug: slugAt(i) }))
      const httpSlug = await time(runs, warmup, (i) => client.fetch(articleBySlugSimplified, { slug: slugAt(i) }))
      const httpList = await time(runs, warmup, (i) => client.fetch(listing, pageAt(i)))
      const httpSearchAuthor = await timeOrTimeout(searchRuns, 2, (i) => client.fetch(searchArticlesQuery, byAuthor(i)))
      const httpSearchCommon = await timeOrTimeout(searchRuns, 2, (i) => client.fetch(searchArticlesQuery, byCommonWord(i)))
      await lake.close()

      // Plain groq-js scans every document per query; fewer runs keep the bench short.
      const view = new DatasetView(docs, 'published')
      const plain = (query: string, params: Record<string, unknown>) => runQuery(view, query, { params, timeoutMs: 600_000, plain: true })
      const plainSite = await time(plainRuns, 3, (i) => plain(articleBySlugQuery, { slug: slugAt(i) }))
      const plainSlug = await time(plainRuns, 3, (i) => plain(articleBySlugSimplified, { slug: slugAt(i) }))
      const plainList = await time(plainRuns, 3, (i) => plain(listing, pageAt(i)))
      const plainSearchAuthor = await time(Math.min(plainRuns, 5), 1, (i) => plain(searchArticlesQuery, byAuthor(i)))
      const plainSearchCommon = await time(Math.min(plainRuns, 5), 1, (i) => plain(searchArticlesQuery, byCommonWord(i)))

      results[String(size)] = {
        articleBySlugSite: { lakeHttp: httpSite, plainGroqJs: plainSite },
        articleBySlugSimplified: { lakeHttp: httpSlug, plainGroqJs: plainSlug },
        listing: { lakeHttp: httpList, plainGroqJs: plainList },
        searchAuthorName: { lakeHttp: httpSearchAuthor, plainGroqJs: plainSearchAuthor },
        searchCommonWord: { lakeHttp: httpSearchCommon, plainGroqJs: plainSearchCommon },
      }
      console.log(`\n${size} articles (${docs.length} documents)`)
      console.table({
        'article by slug (site query): lake over HTTP': httpSite,
        'article by slug (site query): plain groq-js': plainSite,
        'article by slug (simplified, no related): lake over HTTP': httpSlug,
        'article by slug (simplified, no related): plain groq-js': plainSlug,
        'listing of 12: lake over HTTP': httpList,
        'listing of 12: plain groq-js': plainList,
        'search, author name: lake over HTTP': httpSearchAuthor,
        'search, author name: plain groq-js': plainSearchAuthor,
        'search, common word: lake over HTTP': httpSearchCommon,
        'search, common word: plain groq-js': plainSearchCommon,
      })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const out = resolve(__dirname, '..', 'bench', 'results', 'lake.json')
  mkdirSync(resolve(out, '..'), { recursive: true })
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, unit: 'ms', results }, null, 2) + '\n')
  console.log(`\nwrote ${out}`)
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err)
  process.exit(1)
})
