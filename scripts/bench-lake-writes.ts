/**
 * npm run bench:lake-writes [-- --runs 50 --sizes 1000,10000]
 * Lake write latency: a small patch (`set` of one article's title) through @sanity/client, timed
 * from request to acknowledgement, median and p95 over `runs` writes after a warm-up, on
 * generated datasets of 1k and 10k articles. Also reports the dataset file's size and, after the
 * writes, the transaction log's. Prints a table and writes bench/results/lake-writes.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

import { createClient } from '@sanity/client'

import { startLake } from '../lake'
import { generateContent, writeContent } from './generate-content'

const LAKE_CLIENT = { projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false, useProjectHostname: false }

type Stats = { median: number; p95: number; runs: number }
const round = (n: number) => Math.round(n * 100) / 100
const stats = (ms: number[]): Stats => {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { median: round(at(0.5)), p95: round(at(0.95)), runs: ms.length }
}

/** Bytes of the files the lake keeps beside the dataset (its `.lake/` folder), 0 when there is none. */
function lakeDirBytes(file: string): number {
  const dir = join(dirname(file), '.lake')
  if (!existsSync(dir)) return 0
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

async function main(argv: string[]) {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1]! : fallback
  }
  const runs = Number(arg('runs', '50'))
  const sizes = arg('sizes', '1000,10000').split(',').map(Number)
  const out = resolve(arg('out', resolve(__dirname, '..', 'bench', 'results', 'lake-writes.json')))
  const dir = mkdtempSync(join(tmpdir(), 'bench-lake-writes-'))
  const results: Record<string, unknown> = {}
  try {
    for (const size of sizes) {
      const docs = generateContent(size)
      const file = writeContent(docs, join(dir, String(size)))
      const ids = docs.filter((d) => d._type === 'article').map((d) => d._id)
      const lake = await startLake({ token: null, port: 0, datasets: { production: file }, watch: false, log: () => {} })
      const client = createClient({ ...LAKE_CLIENT, apiHost: lake.url })
      const write = (i: number) =>
        client
          .patch(ids[(i * 7919) % ids.length]!)
          .set({ title: `Bench title ${i}` })
          .commit({ returnDocuments: false })
      for (let i = 0; i < 5; i++) await write(i)
      const ms: number[] = []
      for (let i = 0; i < runs; i++) {
        const t = performance.now()
        await write(i + 5)
        ms.push(performance.now() - t)
      }
      const logBytes = lakeDirBytes(file)
      await lake.close()
      const patch = stats(ms)
      results[String(size)] = { documents: docs.length, fileBytes: statSync(file).size, logBytesAfterWrites: logBytes, patch }
      console.log(`\n${size} articles (${docs.length} documents, ${statSync(file).size} bytes)`)
      console.table({ 'small patch through @sanity/client': patch })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, unit: 'ms', results }, null, 2) + '\n')
  console.log(`\nwrote ${out}`)
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err)
  process.exit(1)
})
