import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { standaloneConfig } from '@/server/standalone-config'

/** A standalone folder whose build machine had REDIS_URL set. */
function folder(distDir = '.next'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standalone-config-'))
  fs.mkdirSync(path.join(dir, distDir))
  const config = {
    distDir: `./${distDir}`,
    cacheHandler: '/build/machine/server/cache-handler.mjs',
    cacheMaxMemorySize: 0,
    poweredByHeader: false,
  }
  fs.writeFileSync(path.join(dir, distDir, 'required-server-files.json'), JSON.stringify({ version: 1, config }))
  return dir
}

it('with REDIS_URL at start, uses the handler beside the server, with no in-process copy', () => {
  const dir = folder()
  expect(standaloneConfig(dir, { REDIS_URL: 'redis://cache:6379' })).toEqual({
    distDir: './.next',
    poweredByHeader: false,
    cacheHandler: path.join(dir, 'cache-handler.mjs'),
    cacheMaxMemorySize: 0,
  })
})

it("without REDIS_URL, Next's own cache, whatever the build machine had", () => {
  const config = standaloneConfig(folder(), {})
  expect(config).not.toHaveProperty('cacheHandler')
  expect(config.cacheMaxMemorySize).toBe(50 * 1024 * 1024)
})

it('reads the build from NEXT_DIST_DIR, and says what is missing when there is none', () => {
  expect(standaloneConfig(folder('.next-deploy'), { NEXT_DIST_DIR: '.next-deploy' }).distDir).toBe('./.next-deploy')
  expect(() => standaloneConfig(folder(), { NEXT_DIST_DIR: '.elsewhere' })).toThrow(
    /--standalone needs a standalone build in .*\.elsewhere\/required-server-files\.json/,
  )
})
