/** Plain-text tables for the terminal: left-aligned first column, numbers right-aligned. */
import type { ClientJsResult } from './client-js'
import type { LighthouseResult } from './lighthouse'
import type { RenderResult } from './render'
import type { ServedResult } from './served'

export type Cell = string | number

export function table(head: Cell[], rows: Cell[][]): string {
  const all = [head, ...rows].map((row) => row.map(String))
  const widths = head.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)))
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`

export function servedTable(served: ServedResult): string {
  const row = (name: string, r: ServedResult['site']) => [name, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.requests, r.non2xx + r.errors]
  return [
    `${served.path}: ${kb(served.bytes)} of HTML, x-nextjs-cache ${served.cacheHeader ?? '(none)'}, ` +
      `${served.connections} connections, ${served.durationSeconds} s after a warm-up`,
    table(
      ['server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors+non2xx'],
      [row('next start', served.site), row('bare node http', served.bare)],
    ),
    `site/bare throughput ratio: ${served.ratio}`,
  ].join('\n')
}

/** The same cached page served from each instance's file cache and from the shared cache in Redis. */
export function cacheTable(file: ServedResult, redis: ServedResult): string {
  const row = (name: string, r: ServedResult['site']) => [name, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.requests, r.non2xx + r.errors]
  return [
    table(
      ['cache', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors+non2xx'],
      [row('file (one instance)', file.site), row('Redis (REDIS_URL)', redis.site)],
    ),
    `x-nextjs-cache: file ${file.cacheHeader ?? '(none)'}, Redis ${redis.cacheHeader ?? '(none)'}; Redis/file throughput ratio: ${
      Math.round((redis.site.requestsPerSecond / file.site.requestsPerSecond) * 100) / 100
    }`,
  ].join('\n')
}

export function renderTable(render: RenderResult[]): string {
  return table(
    ['articles', 'documents', 'median ms', 'p95 ms', 'min ms', 'max ms', 'samples', 'MISS', 'query median', 'query p95'],
    render.map((r) => [
      r.articles,
      r.documents,
      r.firstRender.median,
      r.firstRender.p95,
      r.firstRender.min,
      r.firstRender.max,
      r.firstRender.n,
      r.misses,
      r.articleQuery.median,
      r.articleQuery.p95,
    ]),
  )
}

export function clientJsTable(js: ClientJsResult): string {
  const rows = js.routes.map((r) => [
    r.route,
    r.scripts,
    kb(r.bytes),
    kb(r.gzip),
    r.pageSpecific.length,
    kb(r.pageSpecificBytes),
    kb(r.pageSpecificGzip),
    kb(r.inlineBytes),
  ])
  const chunks = js.routes
    .filter((r) => r.pageSpecific.length > 0)
    .map(
      (r) => `  ${r.route}: ${r.pageSpecific.map((c) => `${c.path.replace('/_next/static/chunks/', '')} (${kb(c.gzip)} gz)`).join(', ')}`,
    )
  return [
    table(['route', 'scripts', 'bytes', 'gzip', 'page-specific', 'bytes', 'gzip', 'inline script'], rows),
    `shared by every route: ${js.shared.length} scripts, ${kb(js.sharedBytes)} (${kb(js.sharedGzip)} gzip)`,
    ...(chunks.length > 0 ? ['page-specific chunks:', ...chunks] : ['no route loads a page-specific chunk']),
  ].join('\n')
}

export function lighthouseTable(lh: LighthouseResult[]): string {
  const rows = lh.map((r) => [
    r.page,
    r.scores.performance,
    `${r.performanceRange[0]}-${r.performanceRange[1]}`,
    r.scores.accessibility,
    r.scores.bestPractices,
    r.scores.seo,
    r.lcpMs,
    r.cls,
    r.tbtMs,
  ])
  const failing = lh.flatMap((r) =>
    r.failing.map((a) => `  ${r.page} [${a.category}] ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''} score ${a.score}`),
  )
  return [
    table(['page', 'perf', 'perf range', 'a11y', 'best-pr', 'seo', 'LCP ms', 'CLS', 'TBT ms'], rows),
    ...(failing.length > 0 ? ['audits costing points:', ...failing] : ['no audit costs points']),
  ].join('\n')
}
