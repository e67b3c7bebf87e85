// @ts-check
/**
 * The shared cache of several site instances (next.config.js uses it when REDIS_URL is set):
 * regenerated pages, route handlers and fetch results in Redis, with tag revalidation every
 * instance sees, through @fortedigital/nextjs-cache-handler (a maintained handler for Next 16).
 *
 * Redis may go away: reads then come from this instance's own memory (a bounded LRU that every
 * write also fills), writes to Redis are dropped, and no request waits for Redis or fails
 * because of it (commands fail at once while the client is disconnected, and time out after
 * REDIS_TIMEOUT_MS otherwise). The client reconnects by itself; the log says so once when Redis
 * goes and once when it is back.
 */
import { CacheHandler } from '@fortedigital/nextjs-cache-handler'
import createLruHandler from '@fortedigital/nextjs-cache-handler/local-lru'
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings'
import fs from 'node:fs'
import path from 'node:path'

import { createClient } from 'redis'

const REDIS_TIMEOUT_MS = 1000

/**
 * Keys are per build: instances of one build share their entries, and a new build starts from its
 * own prerendered pages instead of the old build's HTML (the old entries expire on their own).
 */
function keyPrefix() {
  const base = process.env.REDIS_KEY_PREFIX ?? 'insights:'
  try {
    const buildId = fs.readFileSync(path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'), 'utf8').trim()
    return `${base}${buildId}:`
  } catch {
    return base
  }
}

/** Longest wait between reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000

/**
 * One Redis client per process, however many copies of this module a bundler makes: one
 * connection, and one log line when Redis goes away.
 */
/** @param {string} url */
function sharedClient(url) {
  const key = Symbol.for('insights.cache.redis')
  const existing = /** @type {Record<symbol, ReturnType<typeof createClient>>} */ (/** @type {unknown} */ (globalThis))[key]
  if (existing) return existing
  const where = new URL(url).host
  let down = false
  const client = createClient({
    url,
    // A command while disconnected fails at once instead of waiting in a queue.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: REDIS_TIMEOUT_MS,
      reconnectStrategy: (/** @type {number} */ retries) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  })
  client.on('error', (/** @type {Error} */ error) => {
    if (down) return
    down = true
    console.warn(`[cache] Redis at ${where} is unreachable (${error?.message ?? error}): serving from this instance's memory, reconnecting`)
  })
  client.on('ready', () => {
    if (!down) return
    down = false
    console.info(`[cache] Redis at ${where} is back: the shared cache is in use again`)
  })
  // Not awaited: an instance starts, and serves, while Redis is still away.
  client.connect().catch(() => {})
  ;/** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis))[key] = client
  return client
}

CacheHandler.onCreation(() => {
  const url = process.env.REDIS_URL
  if (!url) throw new Error('server/cache-handler.mjs needs REDIS_URL')
  const client = sharedClient(url)
  return {
    handlers: [
      createRedisHandler({
        client: /** @type {any} */ (client),
        keyPrefix: keyPrefix(),
        timeoutMs: REDIS_TIMEOUT_MS,
      }),
      createLruHandler({ maxItemsNumber: 2000, maxItemSizeBytes: 256 * 1024 * 1024 }),
    ],
  }
})

export default CacheHandler
