/**
 * The processes a bench run starts: `next build`, `next start` and a bare node server, each on a
 * free port on 127.0.0.1, and a registry that stops them all (also on Ctrl-C).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../../tests/helpers/ports'

export const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')

type Stop = () => Promise<void>
const stops: Stop[] = []

/** Remembers how to stop something; `stopAll` runs these newest first. */
export function onStop(stop: Stop): Stop {
  stops.push(stop)
  return async () => {
    const i = stops.indexOf(stop)
    if (i >= 0) stops.splice(i, 1)
    await stop()
  }
}

export async function stopAll(): Promise<void> {
  while (stops.length > 0) await stops.pop()!().catch(() => {})
}

/**
 * Starts a child process in its own process group, so helpers it starts stop with it; registered
 * with `onStop`, which kills that group by its id (SIGTERM, then SIGKILL after 5 s).
 */
export function spawnGroup(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const stop = onStop(() => killGroup(child))
  return { child, log: () => log, stop }
}

function killGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve()
    const timer = setTimeout(() => signal('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    function signal(name: NodeJS.Signals) {
      try {
        process.kill(-child.pid!, name)
      } catch {
        resolve()
      }
    }
    signal('SIGTERM')
  })
}

const quietEnv = { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' } as const

function siteEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...quietEnv, ...extra }
  delete env.NEXT_PUBLIC_SANITY_PROJECT_ID
  return env
}

/** `npm run build` on the embedded default (with-lake starts a lake on a free port for it). */
export async function buildSite(): Promise<void> {
  const lakePort = await freePort()
  const build = spawnGroup(path.join(BIN, 'tsx'), ['scripts/with-lake.ts', 'next', 'build'], {
    cwd: ROOT,
    env: siteEnv({ LAKE_PORT: String(lakePort), SANITY_LAKE_URL: '' }),
  })
  const code = await new Promise<number | null>((resolve) => build.child.once('exit', resolve))
  await build.stop()
  if (code !== 0) throw new Error(`next build failed (${code}):\n${build.log()}`)
}

export interface RunningServer {
  url: string
  log: () => string
  stop: Stop
}

async function waitFor(url: string, child: ChildProcess, log: () => string, what: string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${log()}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      await response.arrayBuffer()
      return
    } catch {
      if (Date.now() > deadline) throw new Error(`${what} did not answer in 60 s:\n${log()}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

/** The site's server (server/index.ts, as `npm start` runs it) for the project in `dir` (default: this repo), reading content from `lakeUrl`. */
export async function startSite(
  lakeUrl: string,
  options: { dir?: string; env?: Record<string, string>; port?: number } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort())
  const dir = options.dir ?? ROOT
  const server = spawnGroup(
    path.join(BIN, 'tsx'),
    [path.join(dir, 'server/index.ts'), '--dir', dir, '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: dir,
      env: siteEnv({ SANITY_LAKE_URL: lakeUrl, ...options.env }),
    },
  )
  const url = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${url}/robots.txt`, server.child, server.log, 'next start')
  } catch (error) {
    await server.stop()
    throw error
  }
  return { url, log: server.log, stop: server.stop }
}

/**
 * A throwaway copy of the project whose `.next` is a copy of the build, so servers reading other
 * datasets write their ISR pages and fetch cache there and `.next` keeps only what the build made.
 * Everything else is a symlink to the repo.
 */
export function copyOfBuild(): { dir: string; remove: Stop } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-bench-site-'))
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry === '.next' || entry === '.git') continue
    fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry))
  }
  // The build's own cache (compiler, images) is not read by `next start`.
  fs.cpSync(path.join(ROOT, '.next'), path.join(dir, '.next'), {
    recursive: true,
    filter: (source) => source !== path.join(ROOT, '.next', 'cache'),
  })
  const remove = onStop(async () => fs.rmSync(dir, { recursive: true, force: true }))
  return { dir, remove }
}

/**
 * A bare node `http` server in its own process answering every request with `body` and `headers`
 * from memory: the ceiling for serving these bytes on this machine.
 */
export async function startBareServer(body: Buffer, headers: Record<string, string>): Promise<RunningServer> {
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-bench-bare-'))
  const removeDir = onStop(async () => fs.rmSync(dir, { recursive: true, force: true }))
  fs.writeFileSync(path.join(dir, 'body'), body)
  fs.writeFileSync(path.join(dir, 'headers.json'), JSON.stringify(headers))
  const script = `
    const fs = require('node:fs'), http = require('node:http'), path = require('node:path')
    const [dir, port] = process.argv.slice(1)
    const body = fs.readFileSync(path.join(dir, 'body'))
    const headers = { ...JSON.parse(fs.readFileSync(path.join(dir, 'headers.json'), 'utf8')), 'content-length': body.length }
    http.createServer((req, res) => { res.writeHead(200, headers); res.end(body) }).listen(Number(port), '127.0.0.1')
  `
  const server = spawnGroup(process.execPath, ['-e', script, dir, String(port)], {
    cwd: dir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production' },
  })
  const url = `http://127.0.0.1:${port}`
  try {
    await waitFor(url, server.child, server.log, 'bare server')
  } catch (error) {
    await server.stop()
    throw error
  }
  return {
    url,
    log: server.log,
    stop: async () => {
      await server.stop()
      await removeDir()
    },
  }
}
