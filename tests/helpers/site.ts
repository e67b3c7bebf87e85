import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startLake, type Lake, type WebhookDefinition } from '@/lake'
import { revalidateWebhook } from '@/lib/revalidate/lake-webhook'

import { testLakeToken } from './lake'
import { freePort } from './ports'

export const ROOT = path.join(__dirname, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')

const quietEnv: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }
const DEFAULT_DIST_DIR = '.next'

export interface BuildOptions {
  /** Where the build goes (NEXT_DIST_DIR, relative to the repo); default `.next`. */
  distDir?: string
  /** A running lake to build from; default: with-lake starts one on the sample dataset. */
  lakeUrl?: string
  /** The build script: `scripts/with-lake.ts next build` (npm run build) or `scripts/build-deploy.ts`. */
  script?: string[]
}

/**
 * `npm run build` on the embedded default: with-lake starts a lake on a free port for it, or uses
 * the one at `lakeUrl`. Answers with what the build printed; a failed build throws with it.
 */
export async function buildSite({
  distDir = DEFAULT_DIST_DIR,
  lakeUrl = '',
  script = ['scripts/with-lake.ts', 'next', 'build'],
}: BuildOptions = {}): Promise<string> {
  const lakePort = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...quietEnv,
    LAKE_PORT: String(lakePort),
    SANITY_LAKE_URL: lakeUrl,
    NEXT_DIST_DIR: distDir,
  }
  delete env.NEXT_PUBLIC_SANITY_PROJECT_ID
  // `next build` points next-env.d.ts at its dist dir's types; a second build puts it back after.
  const nextEnv = path.join(ROOT, 'next-env.d.ts')
  const mainNextEnv = distDir !== DEFAULT_DIST_DIR && fs.existsSync(nextEnv) ? fs.readFileSync(nextEnv, 'utf8') : null
  // Not spawnSync: the lake at `lakeUrl` may run in this process and must keep answering.
  const child = spawn(path.join(BIN, 'tsx'), script, { cwd: ROOT, env, timeout: 15 * 60_000 })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (...exit) => resolve(exit)),
  )
  if (mainNextEnv !== null) fs.writeFileSync(nextEnv, mainNextEnv)
  if (code !== 0) throw new Error(`next build failed (${code ?? signal}):\n${output}`)
  return output
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
 * files are symlinked (the OG image routes read fonts from app/fonts). `distDir` serves another
 * build than the main one (see buildSite).
 */
export async function startSite(
  lakeUrl: string,
  extraEnv: Record<string, string> = {},
  { distDir = DEFAULT_DIST_DIR, port: chosenPort }: Pick<BuildOptions, 'distDir'> & { port?: number } = {},
): Promise<RunningSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-site-'))
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry !== DEFAULT_DIST_DIR && entry !== distDir) fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry))
  }
  const build = path.join(ROOT, distDir)
  const skipped = new Set(['cache', 'dev', 'server/route-cache'].map((folder) => path.join(build, folder)))
  fs.cpSync(build, path.join(dir, distDir), { recursive: true, filter: (source) => !skipped.has(source) })

  const port = chosenPort ?? (await freePort())
  const env: NodeJS.ProcessEnv = { ...process.env, ...quietEnv, SANITY_LAKE_URL: lakeUrl, NEXT_DIST_DIR: distDir, ...extraEnv }
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

export interface SiteWithLake {
  lake: Lake
  site: RunningSite
  /** The webhook secret the site and the lake share. */
  secret: string
  /** The lake's token: writes, drafts and listening need it (lakeClient(url, { token })). */
  token: string
  /** Stops the site, then the lake. */
  stop: () => Promise<void>
}

/**
 * A lake serving `dataset` as `production` and the built site reading from it, as `npm start`
 * runs them: the lake sends its revalidation webhook to the site's /api/revalidate (signed with
 * a secret the site is given), so a write reaches the pages without waiting for the ISR timer.
 * `webhooks` are sent too; `revalidate: false` leaves the site's webhook out.
 */
export async function startSiteWithLake(
  dataset: string,
  {
    distDir,
    extraEnv = {},
    revalidate = true,
    webhooks = [],
  }: Pick<BuildOptions, 'distDir'> & { extraEnv?: Record<string, string>; revalidate?: boolean; webhooks?: WebhookDefinition[] } = {},
): Promise<SiteWithLake> {
  const port = await freePort()
  const secret = `site-test-${Math.random().toString(36).slice(2)}-secret`
  const site = `http://127.0.0.1:${port}`
  // A guarded lake, as with-lake runs it: the site holds the token (SANITY_LAKE_TOKEN) for previews.
  const token = testLakeToken()
  const lake = await startLake({
    token,
    port: 0,
    datasets: { production: dataset },
    webhooks: [...(revalidate ? [revalidateWebhook(site, secret)] : []), ...webhooks],
  })
  let running: RunningSite
  try {
    running = await startSite(lake.url, { SANITY_REVALIDATE_SECRET: secret, SANITY_LAKE_TOKEN: token, ...extraEnv }, { distDir, port })
  } catch (error) {
    await lake.close()
    throw error
  }
  return {
    lake,
    site: running,
    secret,
    token,
    stop: async () => {
      await running.stop()
      await lake.close()
    },
  }
}
