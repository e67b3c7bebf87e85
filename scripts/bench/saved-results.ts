/** Figures other bench scripts left in bench/results/ (bench:lake, bench:publish), when present. */
import fs from 'node:fs'
import path from 'node:path'

import { table } from './table'

export interface Saved {
  file: string
  date?: string
  data?: unknown
}

export function readSaved(resultsDir: string, name: string): Saved {
  const file = path.join(resultsDir, name)
  if (!fs.existsSync(file)) return { file }
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { date?: string }
    return { file, date: data.date, data }
  } catch (error) {
    // A half-written or broken file must not cost the figures this run has already measured.
    console.warn(`[bench] ignoring ${name}: ${error instanceof Error ? error.message : error}`)
    return { file }
  }
}

type Stats = { median: number; p95: number; runs: number }
type LakeJson = { results: Record<string, Record<string, Record<string, Stats>>> }

export function lakeTable(saved: Saved): string {
  if (!saved.data) return `not run (no ${path.basename(saved.file)}; npm run bench:lake, or npm run bench -- --with-lake)`
  const { results } = saved.data as LakeJson
  const rows = Object.entries(results).flatMap(([size, queries]) =>
    Object.entries(queries).flatMap(([query, paths]) =>
      Object.entries(paths).map(([how, s]) => [`${size} articles`, query, how, s.median, s.p95, s.runs]),
    ),
  )
  return [
    `from ${path.basename(saved.file)} of ${saved.date ?? '(undated)'}`,
    table(['dataset', 'query', 'path', 'median ms', 'p95 ms', 'runs'], rows),
  ].join('\n')
}

type LakeWritesJson = {
  results: Record<string, { documents: number; fileBytes: number; patch: Stats }>
}

/** bench:lake-writes: one small patch's latency at each dataset size. */
export function lakeWritesTable(saved: Saved): string {
  if (!saved.data) return `not run (no ${path.basename(saved.file)}; npm run bench:lake-writes)`
  const { results } = saved.data as LakeWritesJson
  const rows = Object.entries(results).map(([size, r]) => [
    `${size} articles`,
    r.documents,
    `${(r.fileBytes / 1024 / 1024).toFixed(1)} MB`,
    r.patch.median,
    r.patch.p95,
    r.patch.runs,
  ])
  return [
    `from ${path.basename(saved.file)} of ${saved.date ?? '(undated)'}`,
    table(['dataset', 'documents', 'file', 'median ms', 'p95 ms', 'writes'], rows),
  ].join('\n')
}

/** Its shape belongs to bench:publish; printed as flat key = value lines. */
export function flatTable(saved: Saved, howToRun: string): string {
  if (!saved.data) return `not run (no ${path.basename(saved.file)}; ${howToRun})`
  const lines: string[] = []
  const walk = (value: unknown, key: string) => {
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k)
    } else if (key !== 'date') lines.push(`  ${key} = ${String(value)}`)
  }
  walk(saved.data, '')
  return [
    `from ${path.basename(saved.file)} of ${saved.date ?? '(undated)'}`,
    ...lines.slice(0, 40),
    ...(lines.length > 40 ? [`  ... ${lines.length - 40} more`] : []),
  ].join('\n')
}
