/**
 * The Next config of a standalone build (`npm run build:deploy`, `output: 'standalone'`). That
 * folder has no next.config.js: Next's own standalone server.js hands Next the config it resolved
 * at build time through `__NEXT_PRIVATE_STANDALONE_CONFIG`, and so does server/index.ts with
 * `--standalone`, so the image keeps this server's script hashes and Studio proxy.
 *
 * The one setting decided when the server starts, as next.config.js decides it: the shared cache.
 * With REDIS_URL, cache-handler.mjs beside the server (bundled by build-deploy) and no in-process
 * copy; without it, Next's own cache, whatever the build machine's environment was.
 */
import fs from 'node:fs'
import path from 'node:path'

/** Next's default in-memory cache size, used when no shared cache is configured. */
const DEFAULT_CACHE_MAX_MEMORY_SIZE = 50 * 1024 * 1024

export function standaloneConfig(dir: string, environment: Record<string, string | undefined>): Record<string, unknown> {
  const file = path.join(dir, environment.NEXT_DIST_DIR || '.next', 'required-server-files.json')
  let config: Record<string, unknown>
  try {
    config = (JSON.parse(fs.readFileSync(file, 'utf8')) as { config: Record<string, unknown> }).config
  } catch (error) {
    throw new Error(`--standalone needs a standalone build in ${dir} (${file}: ${(error as Error).message})`)
  }
  const rest = { ...config }
  delete rest.cacheHandler
  return environment.REDIS_URL
    ? { ...rest, cacheHandler: path.join(dir, 'cache-handler.mjs'), cacheMaxMemorySize: 0 }
    : { ...rest, cacheMaxMemorySize: DEFAULT_CACHE_MAX_MEMORY_SIZE }
}
