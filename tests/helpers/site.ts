import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from './ports'

export const ROOT = path.join(__dirname, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')

const quietEnv: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }

/** `npm run build` on the embedded default: with-lake starts a lake on a free port for it. */
export async function buildSite(): Promise<void> {
  const lakePort = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, ...quietEnv, LAKE_PORT: String(lakePort), SANITY_LAKE_URL: '' }
  delete env.NEXT_PUBLIC_SANITY_PROJECT_ID
  const result = spawnSync(path.join(BIN, 'tsx'), ['scripts/with-lake.ts', 'next', 'build'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  })
  if (result.status !== 0) {
    throw new Error(`next build failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`)
  }
}

export interface RunningSite {
  url: string
  output: () => string
  stop: () => Promise<void>
}

/**
 * The site's server (server/index.ts, as `npm start` runs it) on a free port, reading content from the lake at `lakeUrl`, from a private copy of
 * the build. A server writes the pages it regenerates into its .next (server/route-cache), and
 * later servers on the same folder would serve them: one test file's edits would leak into the
 * next. The copy is the build alone (no route-cache, cache or dev folders); the project's other
 * files are symlinked (the OG image routes read fonts from app/fonts).
 */
export async function startSite(lakeUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-site-'))
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry !== '.next') fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry))
  }
  const build = path.join(ROOT, '.next')
  const skipped = new Set(['cache', 'dev', 'server/route-cache'].map((folder) => path.join(build, folder)))
  fs.cpSync(build, path.join(dir, '.next'), { recursive: true, filter: (source) => !skipped.has(source) })

  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, ...quietEnv, SANITY_LAKE_URL: lakeUrl, ...extraEnv }
  delete env.NEXT_PUBLIC_SANITY_PROJECT_ID
  const server = path.join(dir, 'server/index.ts')
  const child: ChildProcess = spawn(path.join(BIN, 'tsx'), [server, '-p', String(port), '-H', '127.0.0.1', '--dir', dir], { cwd: dir, env })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const stop = () =>
    new Promise<void>((resolve) => {
      const removeCopy = () => fs.rmSync(dir, { recursive: true, force: true })
      if (child.exitCode !== null || child.signalCode !== null) return resolve(removeCopy())
      child.once('exit', () => resolve(removeCopy()))
      child.kill('SIGTERM')
    })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`the site's server exited (${child.exitCode}):\n${log}`)
    }
    try {
      await (await fetch(`${url}/robots.txt`, { signal: AbortSignal.timeout(2000) })).arrayBuffer()
      return { url, output: () => log, stop }
    } catch {
      if (Date.now() > deadline) {
        await stop()
        throw new Error(`the site's server did not answer in 60 s:\n${log}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}
