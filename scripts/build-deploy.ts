/**
 * npm run build:deploy: the site as one folder that runs with `node server.cjs --standalone` and
 * nothing else installed (deploy/Dockerfile copies it into its image).
 *
 * 1. `next build` with `output: 'standalone'` (through with-lake, so the embedded default builds
 *    from content/ as `npm run build` does); Next traces what the pages need into
 *    `.next/standalone` (node_modules included).
 * 2. server/index.ts (script hashes, compression, the Studio's lake proxy) bundled with esbuild into
 *    `server.cjs`, and server/cache-handler.mjs with the Redis client into `cache-handler.mjs`: Next's
 *    trace only follows the pages, so the packages these two use are bundled in; the server's `next`
 *    stays outside (the traced copy).
 * 3. `.next/static` beside them, as Next's standalone docs ask (the server serves it).
 *
 * Output: `.next/standalone` (or NEXT_DIST_DIR/standalone).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { build, type BuildOptions } from 'esbuild'

const root = path.resolve(__dirname, '..')
const distName = process.env.NEXT_DIST_DIR || '.next'
const distDir = path.join(root, distName)
const out = path.join(distDir, 'standalone')

async function main() {
  const built = spawnSync('npx', ['tsx', 'scripts/with-lake.ts', 'next', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_OUTPUT: 'standalone' },
  })
  if (built.status !== 0) throw new Error(`next build failed (exit ${built.status ?? built.signal})`)
  if (!fs.existsSync(path.join(out, distName, 'required-server-files.json'))) {
    throw new Error(`next build made no standalone folder at ${out}`)
  }
  const shared: BuildOptions = { bundle: true, platform: 'node', target: 'node20', external: ['next', 'next/*'], logLevel: 'warning' }
  await build({ ...shared, entryPoints: [path.join(root, 'server/index.ts')], format: 'cjs', outfile: path.join(out, 'server.cjs') })
  await build({
    ...shared,
    // The handler reads a few of Next's constants (next/constants), which the trace leaves out.
    external: [],
    entryPoints: [path.join(root, 'server/cache-handler.mjs')],
    format: 'esm',
    outfile: path.join(out, 'cache-handler.mjs'),
    // Bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  })
  fs.cpSync(path.join(distDir, 'static'), path.join(out, distName, 'static'), { recursive: true })
  if (fs.existsSync(path.join(root, 'public'))) fs.cpSync(path.join(root, 'public'), path.join(out, 'public'), { recursive: true })
  // Next's own entry would start Next without this server's policy: one way in.
  fs.rmSync(path.join(out, 'server.js'), { force: true })
  console.log(`[build-deploy] ${path.relative(root, out)}: node server.cjs --standalone`)
}

main().catch((error: unknown) => {
  console.error(`[build-deploy] ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
