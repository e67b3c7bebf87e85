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
import { createClient } from 'redis'

const REDIS_TIMEOUT_MS = 1000
/** Longest wait between reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000

CacheHandler.onCreation(() => {
  const url = process.env.REDIS_URL
  if (!url) throw new Error('server/cache-handler.mjs needs REDIS_URL')
  const where = new URL(url).host
  let down = false
  const client = createClient({
    url,
    // A command while disconnected fails at once instead of waiting in a queue.
    disableOfflineQueue: true,
    socket: { connectTimeout: REDIS_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
  })
  client.on('error', (error) => {
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
  return {
    handlers: [
      createRedisHandler({
        client: /** @type {any} */ (client),
        keyPrefix: process.env.REDIS_KEY_PREFIX ?? 'insights:',
        timeoutMs: REDIS_TIMEOUT_MS,
      }),
      createLruHandler({ maxItemsNumber: 2000, maxItemSizeBytes: 256 * 1024 * 1024 }),
    ],
  }
})

export default CacheHandler
