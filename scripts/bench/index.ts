/**
 * npm run bench [-- --quick] [-- --with-lake] [-- --redis]
 * Builds the site, serves it on the embedded default and measures: served speed of the cached seed
 * article against a bare node server (served.ts), client JavaScript per route (client-js.ts),
 * Lighthouse (lighthouse.ts), then first-render cost on generated datasets (render.ts). Prints a
 * report, adds the lake, lake-write and publish figures already in bench/results/, writes bench/results/bench.json.
 * It builds into .next: run it under the shared build lock (flock /tmp/build.lock npm run bench).
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@sanity/client'

import { startLake } from '../../lake'
import { GRANT_ID_PREFIX, GRANT_TYPE, shareLinkKey, signShareLink } from '../../lib/preview/share-links'
import { paths } from '../../lib/routing/paths'
import { measureClientJs } from './client-js'
import { measureLighthouse } from './lighthouse'
import { measureRender } from './render'
import { flatTable, lakeTable, lakeWritesTable, readSaved } from './saved-results'
import { measureServed } from './served'
import { startRedis } from '../../tests/helpers/redis'
import { buildSite, onStop, ROOT, startSite, stopAll } from './site'
import { cacheTable, clientJsTable, lighthouseTable, renderTable, servedTable } from './table'

const SEED_ARTICLE = '/insights/shifting-position-of-leadership-digital-disruption'
const JS_ROUTES = ['/', '/insights', SEED_ARTICLE, '/authors/jennifer-jordan', '/search?q=leadership']
const LIGHTHOUSE_PAGES = ['/', '/insights', SEED_ARTICLE, '/search?q=leadership']
const RESULTS = path.join(ROOT, 'bench/results')

/**
 * A share link's path (lib/preview/share-links.ts) to the draft of `document`: a previewed page,
 * with its banner, for Lighthouse.
 */
async function shareLinkTo(lakeUrl: string, token: string, document: string): Promise<string> {
  const client = createClient({
    projectId: 'local',
    dataset: 'production',
    apiVersion: '2025-02-19',
    useCdn: false,
    useProjectHostname: false,
    apiHost: lakeUrl,
    token,
  })
  const grant = `${GRANT_ID_PREFIX}bench`
  const expires = Math.floor(Date.now() / 1000) + 3600
  await client.createOrReplace({
    _id: grant,
    _type: GRANT_TYPE,
    document: { _type: 'reference', _ref: document, _weak: true },
    createdAt: new Date().toISOString(),
    expiresAt: new Date(expires * 1000).toISOString(),
  })
  return paths.sharedPreview(signShareLink(shareLinkKey(undefined, token)!, { grant, document, expires }))
}

const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const withLake = argv.includes('--with-lake')
const withRedis = argv.includes('--redis')
const plan = quick
  ? { load: { connections: 32, duration: 3, warmup: 1 }, sizes: [100, 1000], samples: 5, lighthouseRuns: 1 }
  : { load: { connections: 32, duration: 10, warmup: 3 }, sizes: [100, 1000, 10_000], samples: 15, lighthouseRuns: 3 }

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`
const step = (line: string) => console.error(`[bench ${elapsed()}] ${line}`)

function git(...args: string[]): string {
  return spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim()
}

function machine() {
  const cpus = os.cpus()
  return {
    date: new Date().toISOString(),
    commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (+ uncommitted changes)' : ''}`,
    node: process.version,
    next: (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')) as { version: string }).version,
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    mode: quick ? 'quick' : 'full',
  }
}

async function main() {
  const facts = machine()
  step(`${facts.mode} run on ${facts.cores} cores, node ${facts.node}`)

  if (withLake) {
    step('bench:lake')
    const lakeArgs = quick ? ['--runs', '50', '--sizes', '1000', '--plain-runs', '5'] : []
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bench-lake.ts', ...lakeArgs], { cwd: ROOT, stdio: 'inherit' })
    if (run.status !== 0) throw new Error(`bench:lake failed (${run.status ?? run.signal})`)
  }

  step('next build')
  await buildSite()

  step('serving the build on the embedded default (content/data.ndjson)')
  // A guarded lake, as with-lake runs it, so a share link's preview can be measured too; on a copy
  // of the dataset, as the link's grant is a write.
  const token = randomBytes(24).toString('base64url')
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-bench-dataset-'))
  fs.copyFileSync(path.join(ROOT, 'content/data.ndjson'), path.join(copy, 'data.ndjson'))
  fs.symlinkSync(path.join(ROOT, 'content/images'), path.join(copy, 'images'))
  onStop(async () => fs.rmSync(copy, { recursive: true, force: true }))
  const lake = await startLake({
    token,
    port: 0,
    datasets: { production: path.join(copy, 'data.ndjson') },
    watch: false,
    log: () => {},
  })
  const stopLake = onStop(() => lake.close())
  const site = await startSite(lake.url, { env: { SANITY_LAKE_TOKEN: token } })
  const sharedPreview = await shareLinkTo(lake.url, token, 'article-board-questions-cyber')
  step(`served speed of ${SEED_ARTICLE}`)
  const served = await measureServed(site, SEED_ARTICLE, plan.load)
  step('client JavaScript per route')
  const clientJs = await measureClientJs(site.url, JS_ROUTES)
  step('lighthouse')
  const lighthouse = await measureLighthouse(site.url, [...LIGHTHOUSE_PAGES, sharedPreview], RESULTS, plan.lighthouseRuns)
  await site.stop()
  let redisServed: Awaited<ReturnType<typeof measureServed>> | null = null
  if (withRedis) {
    step(`served speed of ${SEED_ARTICLE} with the shared cache in Redis (REDIS_URL)`)
    const redis = await startRedis()
    const stopRedis = onStop(() => redis.stop())
    const shared = await startSite(lake.url, { env: { SANITY_LAKE_TOKEN: token, REDIS_URL: redis.url } })
    redisServed = await measureServed(shared, SEED_ARTICLE, plan.load)
    await shared.stop()
    await stopRedis()
  }
  await stopLake()

  step(`first renders on ${plan.sizes.join(', ')} generated articles`)
  const render = await measureRender(plan.sizes, plan.samples, step)

  const lakeSaved = readSaved(RESULTS, 'lake.json')
  const publishSaved = readSaved(RESULTS, 'publish.json')
  const lakeWritesSaved = readSaved(RESULTS, 'lake-writes.json')
  const wallSeconds = Math.round((Date.now() - started) / 1000)

  const report = [
    `Insights bench (${facts.mode}) ${facts.date}, commit ${facts.commit}`,
    `machine: ${facts.cores} cores (${facts.cpu}), ${facts.memoryGiB} GiB, ${facts.os}; node ${facts.node}, next ${facts.next}`,
    '',
    '1. Served speed (cached page, autocannon)',
    servedTable(served),
    ...(redisServed
      ? ['', 'With the shared cache in Redis (--redis), same page, same load, run just after:', cacheTable(served, redisServed)]
      : []),
    '',
    `2. Render cost: first request of an article not prebuilt, time to last byte (${plan.samples} samples per size)`,
    renderTable(render),
    "(query: the page's article query alone, to the lake over HTTP, for other unrendered articles)",
    '',
    '3. Client JavaScript, first visit (script responses; gzip -6 computed here)',
    clientJsTable(clientJs),
    '',
    `4. Lighthouse 12.2.3, default mobile config, scores 0-100 (median of ${plan.lighthouseRuns} run(s) by performance)`,
    lighthouseTable(lighthouse),
    '',
    '5. Lake queries (bench:lake)',
    lakeTable(lakeSaved),
    '',
    '   Lake writes: one small patch through @sanity/client, request to acknowledgement (bench:lake-writes)',
    lakeWritesTable(lakeWritesSaved),
    '',
    '   Publish (bench:publish)',
    flatTable(publishSaved, 'npm run bench:publish'),
    '',
    `wall time ${wallSeconds} s`,
  ].join('\n')
  console.log(`\n${report}`)

  fs.mkdirSync(RESULTS, { recursive: true })
  const out = path.join(RESULTS, 'bench.json')
  const json = {
    ...facts,
    wallSeconds,
    plan,
    served,
    redisServed,
    render,
    clientJs,
    lighthouse,
    lake: lakeSaved.data ?? 'not run',
    publish: publishSaved.data ?? 'not run',
    lakeWrites: lakeWritesSaved.data ?? 'not run',
  }
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`)
  console.log(`wrote ${path.relative(ROOT, out)}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    step(`${signal}: stopping everything the bench started`)
    void stopAll().finally(() => process.exit(130))
  })
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.stack : error)
    process.exitCode = 1
  })
  .finally(() => stopAll())
