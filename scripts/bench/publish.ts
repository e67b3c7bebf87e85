/**
 * `npm run bench:publish`: how long a publish takes to reach a reader. The built site runs on the
 * embedded default as `npm start` wires it (the lake's webhook to /api/revalidate); each run
 * changes the title of one published article through @sanity/client and times, from the moment
 * the lake acknowledges the mutation, until the article page's HTML carries the new title (polled
 * every 20 ms, each poll a fresh request). Also times the mutation itself. Writes
 * bench/results/publish.json, which `npm run bench` shows.
 *
 *   npm run bench:publish [-- --runs 20] [-- --no-build]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { createClient } from '@sanity/client'

import { revalidateWebhook } from '../../lib/revalidate/lake-webhook'
import { startLake } from '../../lake'
import { freePort } from '../../tests/helpers/ports'

import { buildSite, copyOfBuild, onStop, ROOT, startSite, stopAll } from './site'
import { summarise } from './stats'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, 'no-build': { type: 'boolean', default: false } } })
const RUNS = Number(values.runs)
const RESULTS = path.join(ROOT, 'bench/results')

async function main() {
  if (!values['no-build'] || !fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
    console.log('[bench:publish] next build ...')
    await buildSite()
  }
  const { dir } = copyOfBuild()
  // A private copy of the dataset: the runs write to it.
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-bench-publish-'))
  onStop(async () => fs.rmSync(data, { recursive: true, force: true }))
  fs.copyFileSync(path.join(ROOT, 'content/data.ndjson'), path.join(data, 'data.ndjson'))
  fs.symlinkSync(path.join(ROOT, 'content/images'), path.join(data, 'images'))

  const port = await freePort()
  const secret = `bench-${Math.random().toString(36).slice(2)}-publish-secret`
  const lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: path.join(data, 'data.ndjson') },
    watch: false,
    log: () => {},
    webhooks: [revalidateWebhook(`http://127.0.0.1:${port}`, secret)],
  })
  onStop(() => lake.close())
  const site = await startSite(lake.url, { dir, port, env: { SANITY_REVALIDATE_SECRET: secret } })
  const client = createClient({
    projectId: 'local',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: lake.url,
    useProjectHostname: false,
    useCdn: false,
  })
  const article = await client.fetch<{ _id: string; slug: string; title: string }>(
    `*[_type == "article" && !(_id in path("drafts.**"))] | order(publishedAt desc)[0]{_id, "slug": slug.current, title}`,
  )
  const page = `${site.url}/insights/${article.slug}`
  // Warm the page, so each run measures regeneration, not a first render.
  await (await fetch(page)).text()

  const live: number[] = []
  const write: number[] = []
  for (let run = 1; run <= RUNS; run++) {
    const title = `${article.title} (bench ${run} ${Date.now()})`
    const started = performance.now()
    await client.patch(article._id).set({ title }).commit()
    const acknowledged = performance.now()
    write.push(acknowledged - started)
    for (;;) {
      const html = await (await fetch(page)).text()
      if (html.includes(title)) break
      if (performance.now() - acknowledged > 30_000) throw new Error(`run ${run}: the page did not show the new title within 30 s`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    live.push(performance.now() - acknowledged)
    console.log(`[bench:publish] run ${run}: live after ${Math.round(live.at(-1)!)} ms`)
  }

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cpus, ${os.cpus()[0]?.model ?? 'unknown'}, load ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
    publishToLiveMs: summarise(live),
    mutationMs: summarise(write),
  }
  fs.mkdirSync(RESULTS, { recursive: true })
  fs.writeFileSync(path.join(RESULTS, 'publish.json'), `${JSON.stringify(result, null, 2)}\n`)
  console.log(JSON.stringify(result, null, 2))
}

main()
  .catch((error: unknown) => {
    console.error(`[bench:publish] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exitCode = 1
  })
  .finally(() => stopAll())
