/**
 * One query must not be able to freeze the lake: queries run in worker threads that are stopped
 * at the time budget at any dataset size (a small dataset never reaches a pausing scan), the
 * query text and its parse cost are capped, and so is the size of a result.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { startLake, type Lake } from '@/lake'
import { generateContent, writeContent } from '@/scripts/generate-content'

const BUDGET_MS = 1500
/** Four scans deep, each depending on the enclosing document (so nothing can be computed once): ~10^8 steps. */
const NESTED_FILTER = 'count(*[_id != ^._id && count(*[_id != ^._id && count(*[_id != ^._id]) > 0]) > 0]) > 0'

let dir: string
let lake: Lake

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-limits-'))
  // A small dataset (about 100 documents): below one scan chunk, where nothing used to yield.
  const file = writeContent(generateContent(40), dir)
  lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: file },
    queryTimeoutMs: BUDGET_MS,
    maxResultBytes: 1_000_000,
    queryWorkers: 2,
    watch: false,
    log: () => {},
  })
})

afterAll(async () => {
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

async function get(query: string): Promise<{ status: number; type?: string; ms: number; bytes: number }> {
  const started = performance.now()
  const res = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}`)
  const text = await res.text()
  const ms = performance.now() - started
  return { status: res.status, type: res.ok ? undefined : JSON.parse(text).error.type, ms, bytes: text.length }
}

async function post(query: string): Promise<{ status: number; type?: string; ms: number }> {
  const started = performance.now()
  const res = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  const body = await res.json()
  return { status: res.status, type: body.error?.type, ms: performance.now() - started }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** count(*) over and over, five at a time, while `slow` is running; returns each one's latency. */
async function countsDuring(slow: Promise<unknown>): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, 200))
  const times: number[] = []
  for (let burst = 0; burst < 4; burst++) {
    const answers = await Promise.all(Array.from({ length: 5 }, () => get('count(*)')))
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      times.push(answer.ms)
    }
  }
  await slow
  return times
}

describe('a query that would run for ever', () => {
  // Not a speed target (those are benchmarks, not timed tests): this asserts isolation. With a
  // 1500 ms budget, a lake that made count(*) wait for the slow query would take a second or
  // more; 50 ms leaves a wide margin for a noisy machine.
  it('is stopped at its budget with a 408 queryTimeout while count(*) keeps answering', async () => {
    const nested = `count(*[${NESTED_FILTER}])`
    // A first round alone warms the HTTP client and server paths, so the timed round measures isolation only.
    await countsDuring(Promise.resolve())
    const slow = get(nested)
    const times = await countsDuring(slow)
    const answer = await slow
    expect(answer).toMatchObject({ status: 408, type: 'queryTimeout' })
    expect(answer.ms).toBeLessThan(BUDGET_MS + 1000)
    expect(median(times)).toBeLessThan(50)
    expect((await get('count(*)')).status).toBe(200)
  })

  it('five levels of nested projections come back as an error within the budget', async () => {
    const answer = await get('*{"a": *{"b": *{"c": *{"d": *{"e": *}}}}}')
    expect([400, 408]).toContain(answer.status)
    expect(answer.ms).toBeLessThan(BUDGET_MS + 1000)
  })

  it('a patch selecting documents by such a query is stopped too, and nothing is written', async () => {
    const started = performance.now()
    const res = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mutations: [{ patch: { query: `*[${NESTED_FILTER}]`, set: { title: 'x' } } }] }),
    })
    expect(res.status).toBe(408)
    expect(performance.now() - started).toBeLessThan(BUDGET_MS + 1000)
    expect((await get('count(*[title == "x"])')).status).toBe(200)
  })
})

describe('query size and parse cost', () => {
  it('refuses a 50,000-term query with a 400 quickly, before parsing it', async () => {
    const huge = Array.from({ length: 50_000 }, (_, i) => `a${i}`).join('+')
    const answer = await post(huge)
    expect(answer.status).toBe(400)
    expect(answer.type).toBe('queryTooLarge')
    expect(answer.ms).toBeLessThan(1000)
  })

  it('refuses a query with too many terms for its size with a 400 queryTooComplex', async () => {
    const answer = await post(Array.from({ length: 4_000 }, () => '1').join('+'))
    expect(answer).toMatchObject({ status: 400, type: 'queryTooComplex' })
  })

  it('asks for POST when a GET URL is over 11 KB', async () => {
    expect((await get(`"${'x'.repeat(12_000)}"`)).status).toBe(414)
  })
})

describe('result size', () => {
  it('refuses a result over the byte limit with a small 400 queryResultTooLarge', async () => {
    const answer = await get('*{"all": *{"all2": *}}')
    expect(answer).toMatchObject({ status: 400, type: 'queryResultTooLarge' })
    expect(answer.bytes).toBeLessThan(1000)
    expect((await get('count(*)')).status).toBe(200)
  })
})
