/**
 * Render cost: the time to the last byte of an article page's first request (nothing cached for
 * it), on generated datasets of several sizes. The build is shared; each dataset gets its own
 * lake and `next start`, run from a copy of the build (see copyOfBuild) so `.next` stays as built.
 * Articles are picked beyond the newest PREBUILT (never prebuilt, and the generated slugs differ
 * from the sample's anyway), a different one per sample, so every sample is a first render.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startLake } from '../../lake'
import { articleBySlugQuery } from '../../lib/content/queries/article'
import { generateContent, writeContent } from '../generate-content'
import { copyOfBuild, onStop, startSite } from './site'
import { type Summary, summarise } from './stats'

/** app/(site)/insights/[slug]/page.tsx prebuilds this many of the newest articles. */
const PREBUILT = 24
/** First renders before timing: module loading and the layout's shared data happen once. */
const WARMUP = 3

export interface RenderResult {
  articles: number
  documents: number
  /** Time to last byte of the first request of an article, ms. */
  firstRender: Summary
  /** How many timed responses said `x-nextjs-cache: MISS` (rendered for this request). */
  misses: number
  /** The page's article query alone, straight to the lake over HTTP, for other unrendered slugs, ms. */
  articleQuery: Summary
}

/** Slugs of articles that are not among the newest PREBUILT, spread over the dataset (`offset` picks neighbours). */
function unbuiltSlugs(docs: ReturnType<typeof generateContent>, count: number, offset = 0): string[] {
  const articles = docs
    .filter((doc) => doc._type === 'article')
    .sort((a, b) => String(b.publishedAt).localeCompare(String(a.publishedAt)))
    .slice(PREBUILT)
    .map((doc) => (doc.slug as { current: string }).current)
  const step = Math.max(1, Math.floor(articles.length / count))
  return Array.from({ length: Math.min(count, articles.length) }, (_, i) => articles[(i * step + offset) % articles.length]!)
}

/** The lake's own time for the page's main query (what the render waits for), as the site asks it. */
async function articleQueryMs(lakeUrl: string, slug: string): Promise<number> {
  const url = new URL(`${lakeUrl}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', articleBySlugQuery)
  url.searchParams.set('$slug', JSON.stringify(slug))
  url.searchParams.set('perspective', 'published')
  const start = performance.now()
  const response = await fetch(url)
  const body = (await response.json()) as { result?: unknown }
  const ms = performance.now() - start
  if (!response.ok || !body.result) throw new Error(`article query for ${slug} answered ${response.status}`)
  return ms
}

async function firstRender(url: string): Promise<{ ms: number; cache: string | null }> {
  const start = performance.now()
  const response = await fetch(url)
  await response.arrayBuffer()
  const ms = performance.now() - start
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  return { ms, cache: response.headers.get('x-nextjs-cache') }
}

export async function measureRender(sizes: number[], samples: number, progress: (line: string) => void): Promise<RenderResult[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-bench-data-'))
  const removeTmp = onStop(async () => fs.rmSync(tmp, { recursive: true, force: true }))
  const build = copyOfBuild()
  const results: RenderResult[] = []
  try {
    for (const size of sizes) {
      const docs = generateContent(size)
      const file = writeContent(docs, path.join(tmp, String(size)))
      const lake = await startLake({ token: null, port: 0, datasets: { production: file }, watch: false, log: () => {} })
      const stopLake = onStop(() => lake.close())
      const site = await startSite(lake.url, { dir: build.dir })
      try {
        const slugs = unbuiltSlugs(docs, WARMUP + samples)
        const times: number[] = []
        let misses = 0
        for (const [i, slug] of slugs.entries()) {
          const { ms, cache } = await firstRender(`${site.url}/insights/${slug}`)
          if (i < WARMUP) continue
          times.push(ms)
          if (cache === 'MISS') misses++
        }
        const queryTimes: number[] = []
        for (const slug of unbuiltSlugs(docs, samples, 1)) queryTimes.push(await articleQueryMs(lake.url, slug))
        results.push({ articles: size, documents: docs.length, firstRender: summarise(times), misses, articleQuery: summarise(queryTimes) })
        progress(`render: ${size} articles, median ${summarise(times).median} ms`)
      } finally {
        await site.stop()
        await stopLake()
      }
    }
  } finally {
    await build.remove()
    await removeTmp()
  }
  return results
}
