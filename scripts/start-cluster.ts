/**
 * Several instances of the built site behind one address, for trying scale-out on one machine:
 *
 *   npm run build && npm run start:cluster [-- --instances 2]
 *
 * Uses Redis at REDIS_URL, or starts Debian's `redis-server` on a free port when REDIS_URL is not
 * set; starts N instances of server/index.ts (as `npm start` runs it) on the ports after PORT
 * (default 3000) sharing that Redis (server/cache-handler.mjs); and answers on PORT itself with a
 * small round-robin proxy that names the instance in `X-Insights-Instance`. On the embedded default
 * `npm run start:cluster` runs this through scripts/with-lake.ts, which starts the lake with its
 * revalidation webhook pointed at PORT, so a publish reaches whichever instance the proxy picks,
 * and through Redis all of them. Ctrl-C stops everything it started.
 *
 * For servers, see "Running several instances" in README.md: there a real load balancer stands in
 * front and Redis is a service of its own.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http'
import { connect } from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { freePort } from '../tests/helpers/ports'

const root = path.resolve(__dirname, '..')
const MAX_INSTANCES = 16

const { values } = parseArgs({ options: { instances: { type: 'string', default: '2' }, host: { type: 'string', default: '127.0.0.1' } } })
const instances = Number(values.instances)
const port = Number(process.env.PORT || 3000)
const host = values.host as string
if (!Number.isInteger(instances) || instances < 1 || instances > MAX_INSTANCES) {
  console.error(`[cluster] --instances must be 1-${MAX_INSTANCES} (got "${values.instances}")`)
  process.exit(2)
}

const children: ChildProcess[] = []
let stopping = false

function stopAll(code: number): void {
  if (stopping) return
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 1000).unref()
  Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => child.once('exit', resolve))))).then(() =>
    process.exit(code),
  )
}
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))

/** Lines of a child's output, each prefixed with its name. */
function prefixed(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) console.log(`[${name}] ${line}`)
    })
  }
}

async function redisUrl(): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('REDIS_URL is not set and redis-server is not installed (apt-get install redis-server)')
  }
  const redisPort = await freePort()
  const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'])
  children.push(redis)
  await new Promise<void>((resolve, reject) => {
    let log = ''
    redis.stdout.on('data', (chunk) => {
      log += chunk
      if (/Ready to accept connections/.test(log)) resolve()
    })
    redis.on('exit', () => reject(new Error(`redis-server stopped:\n${log}`)))
  })
  console.log(`[cluster] started redis-server on 127.0.0.1:${redisPort}`)
  return `redis://127.0.0.1:${redisPort}`
}

async function startInstance(index: number, url: string): Promise<string> {
  const instancePort = port + index + 1
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'server/index.ts'), '-p', String(instancePort), '-H', '127.0.0.1'],
    {
      cwd: root,
      env: { ...process.env, REDIS_URL: url, PORT: String(instancePort) },
    },
  )
  children.push(child)
  prefixed(child, `site ${index + 1}`)
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[cluster] instance ${index + 1} stopped (${code}); stopping the cluster`)
      stopAll(1)
    }
  })
  const origin = `http://127.0.0.1:${instancePort}`
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      await (await fetch(`${origin}/robots.txt`, { signal: AbortSignal.timeout(2000) })).arrayBuffer()
      return origin
    } catch {
      if (Date.now() > deadline) throw new Error(`instance ${index + 1} did not answer on ${origin} within 60 s`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

/**
 * The proxy's view of the client: a client on this machine is passed on as it came (the instance
 * sees a local request, so the local Studio works through the proxy); any other gets
 * `X-Forwarded-For`, so an instance never takes a remote visitor for a local editor
 * (server/editor-access.ts).
 */
function forwardedHeaders(req: IncomingMessage): IncomingMessage['headers'] {
  const address = req.socket.remoteAddress ?? ''
  const local = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1'
  return local ? req.headers : { ...req.headers, 'x-forwarded-for': address }
}

function balancer(origins: string[]) {
  let next = 0
  const pick = () => {
    const index = next
    next = (next + 1) % origins.length
    return index
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const index = pick()
    const target = new URL(req.url ?? '/', origins[index])
    const upstream = request(target, { method: req.method, headers: forwardedHeaders(req) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-insights-instance': String(index + 1) })
      answer.pipe(res)
    })
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(`instance ${index + 1} did not answer`)
    })
    req.pipe(upstream)
  })
  // WebSocket upgrades (the Studio's presence socket): the raw connection, passed through.
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const target = new URL(origins[pick()]!)
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`]
      for (const [name, value] of Object.entries(forwardedHeaders(req))) {
        for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) lines.push(`${name}: ${one}`)
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
      upstream.write(head)
      socket.pipe(upstream).pipe(socket)
    })
    const close = () => {
      socket.destroy()
      upstream.destroy()
    }
    upstream.on('error', close)
    socket.on('error', close)
  })
  return server
}

async function main() {
  const url = await redisUrl()
  const origins = await Promise.all(Array.from({ length: instances }, (_, index) => startInstance(index, url)))
  balancer(origins).listen(port, host, () => {
    console.log(`[cluster] ${instances} instances (${origins.join(', ')}) sharing ${new URL(url).host}, on http://${host}:${port}`)
  })
}

main().catch((error) => {
  console.error(`[cluster] ${error instanceof Error ? error.message : error}`)
  stopAll(1)
})
