/**
 * `npm run build:deploy`: the folder deploy/Dockerfile copies into its image, run as the image runs
 * it (`node server.cjs --standalone`), from copies outside the repository, so nothing of the
 * project's node_modules or sources can be reached. Two copies, one Redis, one lake: the compose
 * file's topology on one machine.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startLake, type Lake } from '@/lake'
import { revalidateWebhook } from '@/lib/revalidate/lake-webhook'

import { getPage, text } from '../helpers/html'
import { datasetWith, lakeClient, testLakeToken } from '../helpers/lake'
import { freePort } from '../helpers/ports'
import { type RunningRedis, startRedis } from '../helpers/redis'
import { buildSite, ROOT } from '../helpers/site'

const DIST_DIR = '.next-deploy'
const SEED = { id: 'article-shifting-position-of-leadership', path: '/insights/shifting-position-of-leadership-digital-disruption' }

interface Instance {
  url: string
  dir: string
  output: () => string
  stop: () => Promise<void>
}

/** A copy of the standalone folder in the system's temp dir, started as the image's CMD starts it. */
async function startInstance(env: Record<string, string>, port?: number): Promise<Instance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-deploy-'))
  fs.cpSync(path.join(ROOT, DIST_DIR, 'standalone'), dir, { recursive: true })
  const chosen = port ?? (await freePort())
  const child: ChildProcess = spawn(process.execPath, ['server.cjs', '--standalone'], {
    cwd: dir,
    // Only what the image's environment would hold.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOSTNAME: '127.0.0.1',
      PORT: String(chosen),
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    } as NodeJS.ProcessEnv,
  })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const stop = () =>
    new Promise<void>((resolve) => {
      const remove = () => fs.rmSync(dir, { recursive: true, force: true })
      if (child.exitCode !== null || child.signalCode !== null) return resolve(remove())
      child.once('exit', () => resolve(remove()))
      child.kill('SIGTERM')
    })
  const url = `http://127.0.0.1:${chosen}`
  const deadline = Date.now() + 60_000
  while (!/ready on/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`the standalone server did not start:\n${log}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url, dir, output: () => log, stop }
}

let redis: RunningRedis
let lake: Lake
let a: Instance
let b: Instance
let token: string

beforeAll(async () => {
  await buildSite({ distDir: DIST_DIR, script: ['scripts/build-deploy.ts'] })
  redis = await startRedis()
  token = testLakeToken()
  const secret = `deploy-${Math.random().toString(36).slice(2)}-secret`
  const portA = await freePort()
  lake = await startLake({
    token,
    port: 0,
    datasets: { production: datasetWith([]) },
    watch: false,
    log: () => {},
    webhooks: [revalidateWebhook(`http://127.0.0.1:${portA}`, secret)],
  })
  const env = { SANITY_LAKE_URL: lake.url, SANITY_LAKE_TOKEN: token, SANITY_REVALIDATE_SECRET: secret, REDIS_URL: redis.url }
  a = await startInstance(env, portA)
  b = await startInstance(env)
}, 15 * 60_000)

afterAll(async () => {
  await a?.stop()
  await b?.stop()
  await lake?.close()
  await redis?.stop()
  fs.rmSync(path.join(ROOT, DIST_DIR), { recursive: true, force: true })
})

it('the folder holds the server, its bundled packages and the static files, and no sources', () => {
  for (const file of ['server.cjs', 'cache-handler.mjs', `${DIST_DIR}/BUILD_ID`, 'node_modules/next/package.json']) {
    expect({ file, present: fs.existsSync(path.join(a.dir, file)) }).toEqual({ file, present: true })
  }
  expect(fs.readdirSync(path.join(a.dir, DIST_DIR, 'static', 'chunks')).length).toBeGreaterThan(0)
  for (const absent of ['server.js', 'server/index.ts', 'lib', 'node_modules/compression', 'node_modules/redis', 'node_modules/tsx']) {
    expect({ absent, present: fs.existsSync(path.join(a.dir, absent)) }).toEqual({ absent, present: false })
  }
})

it('serves reading pages without scripts, the Studio with its chunks, images and the 404 page, as npm start does', async () => {
  const response = await fetch(`${a.url}${SEED.path}`)
  const html = await response.text()
  expect(response.status).toBe(200)
  expect(html).toContain('The shifting position of leadership')
  expect(html).not.toMatch(/<script src=|self\.__next_f/)
  expect(response.headers.get('content-security-policy')).toContain("script-src 'none'")

  const studio = await (await fetch(`${a.url}/studio`)).text()
  const chunk = studio.match(/\/_next\/static\/chunks\/[^"]+\.js/)?.[0]
  expect((await fetch(`${a.url}${chunk}`)).status).toBe(200)
  const image = html.match(/\/lake\/images\/[^"?]+/)?.[0]
  const picture = await fetch(`${a.url}${image}?w=320&fm=webp`)
  expect({ status: picture.status, type: picture.headers.get('content-type') }).toEqual({ status: 200, type: 'image/webp' })

  const missing = await getPage(`${a.url}/insights/no-such-article`)
  expect(missing.status).toBe(404)
  expect(text(missing.document.querySelector('main h1'))).toBe('Page not found')
}, 60_000)

it('the Studio opens on the embedded default from this machine', async () => {
  const response = await fetch(`${a.url}/studio`)
  expect(response.status).toBe(200)
  expect(await response.text()).toMatch(/<title>[^<]*Studio/i)
}, 60_000)

it('two copies share Redis: a page one rendered is a HIT on the other, and a publish through one reaches both', async () => {
  const editor = lakeClient(lake.url, { token })
  const seed = await editor.getDocument(SEED.id)
  await editor.create(
    { ...seed!, _id: 'article-deployed', title: 'Deployed once', slug: { _type: 'slug', current: 'deployed-once' } },
    { visibility: 'sync' },
  )
  const cache = async (instance: Instance, route: string) => {
    const response = await fetch(`${instance.url}${route}`)
    return { status: response.status, cache: response.headers.get('x-nextjs-cache'), html: await response.text() }
  }
  expect(await cache(a, '/insights/deployed-once')).toMatchObject({ status: 200, cache: 'MISS' })
  let onB = await cache(b, '/insights/deployed-once')
  for (let tries = 0; onB.cache !== 'HIT' && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    onB = await cache(b, '/insights/deployed-once')
  }
  expect(onB).toMatchObject({ status: 200, cache: 'HIT' })
  expect(onB.html).toContain('Deployed once')

  await editor.patch('article-deployed').set({ title: 'Deployed twice' }).commit({ visibility: 'sync' })
  const deadline = Date.now() + 5000
  while (!(await cache(b, '/insights/deployed-once')).html.includes('Deployed twice')) {
    if (Date.now() > deadline) throw new Error('the new title did not reach B within 5 s')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  expect(a.output() + b.output()).not.toMatch(/Error|⨯/)
}, 60_000)
