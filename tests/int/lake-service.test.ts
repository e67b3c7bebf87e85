/**
 * scripts/lake-service.ts, the lake service of deploy/compose.yaml: the lake CLI on the
 * environment the compose file gives it, with the site's revalidation webhook added.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook'

import { datasetCopy, lakeClient, testLakeToken } from '../helpers/lake'
import { freePort } from '../helpers/ports'

const ROOT = path.join(__dirname, '../..')
const SECRET = 'lake-service-test-secret'

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/lake-service.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...env } as NodeJS.ProcessEnv,
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) }
}

it('refuses to start without the token the site must share', async () => {
  const service = run({ LAKE_PORT: String(await freePort()), LAKE_DATASET: datasetCopy() })
  expect(await service.exited).toBe(2)
  expect(service.output()).toContain('set SANITY_LAKE_TOKEN')
})

it('refuses a revalidation URL without the secret', async () => {
  const service = run({
    LAKE_PORT: String(await freePort()),
    SANITY_LAKE_TOKEN: testLakeToken(),
    SITE_REVALIDATE_URL: 'http://127.0.0.1:9',
  })
  expect(await service.exited).toBe(2)
  expect(service.output()).toContain('needs SANITY_REVALIDATE_SECRET')
})

describe('with the site to tell', () => {
  let site: Server
  const deliveries: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = []
  let service: ReturnType<typeof run>
  let lakeUrl: string
  const token = testLakeToken()

  beforeAll(async () => {
    site = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        deliveries.push({ url: req.url ?? '', headers: req.headers, body })
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"revalidated":true}')
      })
    })
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    const port = await freePort()
    service = run({
      LAKE_PORT: String(port),
      LAKE_DATASET: datasetCopy(),
      SANITY_LAKE_TOKEN: token,
      SANITY_REVALIDATE_SECRET: SECRET,
      SITE_REVALIDATE_URL: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    })
    const deadline = Date.now() + 30_000
    while (!/listening on/.test(service.output())) {
      if (service.child.exitCode !== null || Date.now() > deadline) throw new Error(`the lake service did not start:\n${service.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    lakeUrl = `http://127.0.0.1:${port}`
  }, 40_000)

  afterAll(async () => {
    service?.child.kill('SIGTERM')
    await service?.exited
    await new Promise((resolve) => site?.close(resolve))
  })

  it('serves the dataset it was given and tells the site, signed, what a write changed', async () => {
    const editor = lakeClient(lakeUrl, { token })
    expect(await editor.fetch('count(*[_type == "article"]) > 0')).toBe(true)
    await editor.patch('article-shifting-position-of-leadership').set({ title: 'Told to the site' }).commit({ visibility: 'sync' })
    const deadline = Date.now() + 10_000
    while (deliveries.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(deliveries).toHaveLength(1)
    const [delivery] = deliveries
    expect(delivery!.url).toBe('/api/revalidate')
    expect(await isValidSignature(delivery!.body, delivery!.headers[SIGNATURE_HEADER_NAME] as string, SECRET)).toBe(true)
    expect(JSON.parse(delivery!.body)).toMatchObject({ _id: 'article-shifting-position-of-leadership' })
  })
})
