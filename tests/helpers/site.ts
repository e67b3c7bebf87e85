import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
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

/** `next start` on a free port, reading content from the lake at `lakeUrl`. */
export async function startSite(lakeUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningSite> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, ...quietEnv, SANITY_LAKE_URL: lakeUrl, ...extraEnv }
  delete env.NEXT_PUBLIC_SANITY_PROJECT_ID
  const child: ChildProcess = spawn(path.join(BIN, 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: ROOT, env })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log}`)
    try {
      const response = await fetch(`${url}/robots.txt`, { signal: AbortSignal.timeout(2000) })
      await response.arrayBuffer()
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`next start did not answer in 60 s:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  return {
    url,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
