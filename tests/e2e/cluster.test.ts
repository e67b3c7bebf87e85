/**
 * `npm run start:cluster -- --instances 2` as someone trying scale-out runs it: its own lake (on the
 * sample content, read only here), its own redis-server, two instances and the round-robin proxy;
 * and Ctrl-C stops all of it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createConnection } from 'node:net'

import { freePort } from '../helpers/ports'
import { ROOT } from '../helpers/site'

let cluster: ChildProcess
let output = ''
let port: number
let lakePort: number

beforeAll(async () => {
  port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    LAKE_PORT: String((lakePort = await freePort())),
    SANITY_LAKE_URL: '',
    REDIS_URL: '',
    NODE_ENV: 'production',
  }
  delete env.NEXT_PUBLIC_SANITY_PROJECT_ID
  cluster = spawn('npm', ['run', 'start:cluster', '--', '--instances', '2'], { cwd: ROOT, env, detached: true })
  cluster.stdout?.on('data', (chunk) => (output += chunk))
  cluster.stderr?.on('data', (chunk) => (output += chunk))
  const deadline = Date.now() + 90_000
  while (!/\[cluster\] 2 instances .* on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
    if (cluster.exitCode !== null || Date.now() > deadline) throw new Error(`the cluster did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}, 120_000)

afterAll(() => {
  // Whatever a failed step left running.
  if (cluster && cluster.exitCode === null && cluster.signalCode === null) process.kill(-cluster.pid!, 'SIGKILL')
})

const at = (p: string) => `http://127.0.0.1:${port}${p}`

it('answers on PORT from both instances in turn, which share one cache', async () => {
  const article = '/insights/strategy-in-the-fog'
  const answers = []
  for (let i = 0; i < 4; i++) {
    const response = await fetch(at(article))
    await response.text()
    answers.push({
      status: response.status,
      instance: response.headers.get('x-insights-instance'),
      cache: response.headers.get('x-nextjs-cache'),
    })
  }
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
  expect(answers.map((a) => a.instance)).toEqual(['1', '2', '1', '2'])
  // Whichever rendered it first, the other serves it from the shared cache.
  expect(answers.slice(1).map((a) => a.cache)).toEqual(['HIT', 'HIT', 'HIT'])
  expect(output).toMatch(/\[cluster\] started redis-server on 127\.0\.0\.1:\d+/)
})

it('stops its instances, Redis and the lake on Ctrl-C', async () => {
  process.kill(-cluster.pid!, 'SIGINT')
  await new Promise((resolve) => cluster.once('exit', resolve))
  const redisPort = /started redis-server on 127\.0\.0\.1:(\d+)/.exec(output)![1]!
  const lake = `http://127.0.0.1:${lakePort}/v2025-02-19/data/query/production?query=1`
  for (const closed of [at('/robots.txt'), `http://127.0.0.1:${port + 1}/robots.txt`, `http://127.0.0.1:${port + 2}/robots.txt`, lake]) {
    await expect(fetch(closed, { signal: AbortSignal.timeout(2000) })).rejects.toThrow()
  }
  const refused = await new Promise<boolean>((resolve) => {
    const socket = createConnection(Number(redisPort), '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(true))
  })
  expect(refused).toBe(true)
}, 60_000)
