/**
 * Served speed of one cached page: autocannon against `next start`, then against a bare node
 * server answering the same bytes and headers from memory. The ratio site/bare shows how much of
 * the machine's ceiling the framework keeps.
 */
import autocannon from 'autocannon'

import { type RunningServer, startBareServer } from './site'

export interface LoadResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
}

export interface ServedResult {
  path: string
  bytes: number
  cacheHeader: string | null
  connections: number
  durationSeconds: number
  site: LoadResult
  bare: LoadResult
  /** site requests per second / bare requests per second. */
  ratio: number
}

/** Headers that describe the connection, not the response; the bare server sets its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length'])

async function load(url: string, connections: number, duration: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** Load with a warm-up first, so JIT, caches and connections are settled. */
async function measure(url: string, options: { connections: number; duration: number; warmup: number }) {
  await load(url, options.connections, options.warmup)
  return load(url, options.connections, options.duration)
}

export async function measureServed(
  site: RunningServer,
  path: string,
  options: { connections: number; duration: number; warmup: number },
): Promise<ServedResult> {
  const url = `${site.url}${path}`
  // Twice: the first request may regenerate, the second is served from the cache.
  for (let i = 0; i < 2; i++) await (await fetch(url)).arrayBuffer()
  const siteLoad = await measure(url, options)

  // The bytes autocannon received: it sends no Accept-Encoding, so neither do we.
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  const body = Buffer.from(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) headers[name] = value
  })
  const bare = await startBareServer(body, headers)
  try {
    const bareLoad = await measure(bare.url, options)
    return {
      path,
      bytes: body.length,
      cacheHeader: response.headers.get('x-nextjs-cache'),
      connections: options.connections,
      durationSeconds: options.duration,
      site: siteLoad,
      bare: bareLoad,
      ratio: Math.round((siteLoad.requestsPerSecond / bareLoad.requestsPerSecond) * 1000) / 1000,
    }
  } finally {
    await bare.stop()
  }
}
