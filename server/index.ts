/**
 * The site's server: Next's request handler behind the headers that depend on the response
 * (policy.ts) and compression, and on the embedded default the Studio's lake under `/lake`
 * (lake-proxy.ts). `npm start` runs it, `npm run dev` with `--dev` (both through scripts/with-lake.ts).
 * In development Next's own dev server needs `eval` and inline hot-reload scripts, so the
 * Content-Security-Policy is not sent there.
 *
 *   tsx server/index.ts [--port 3000] [--hostname 0.0.0.0] [--dir .] [--dev]
 *   node server.cjs --standalone     (the deploy folder `npm run build:deploy` makes: deploy/Dockerfile)
 */
import { createServer } from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'

import next from 'next'

import { lakeProxyOptions } from './editor-config'
import { responsePolicy } from './policy'
import { createSiteServer } from './site-server'
import { standaloneConfig } from './standalone-config'

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p', default: process.env.PORT ?? '3000' },
    hostname: { type: 'string', short: 'H', default: process.env.HOSTNAME ?? '0.0.0.0' },
    dir: { type: 'string', default: '.' },
    dev: { type: 'boolean', default: false },
    standalone: { type: 'boolean', default: false },
  },
})
const port = Number(values.port)
const hostname = values.hostname as string
const dir = path.resolve(values.dir as string)

async function main() {
  const dev = Boolean(values.dev)
  if (values.standalone) {
    // What Next's generated standalone server.js does before it starts Next.
    Object.assign(process.env, { NODE_ENV: 'production' })
    process.chdir(dir)
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(standaloneConfig(dir, process.env))
  }
  const policy = dev ? developmentPolicy() : responsePolicy(process.env)
  // Next listens for WebSocket upgrades (the dev server's hot reload) on `httpServer`. A server that
  // never listens: the site server hands it the upgrades that are not the Studio's lake socket, so
  // Next never sees (and closes) those.
  const upgrades = createServer()
  const app = next({ dev, dir, hostname, port, httpServer: upgrades })
  await app.prepare()
  const server = createSiteServer(app.getRequestHandler(), policy, {
    notFoundDocument: true,
    readingPagesWithoutScripts: !dev,
    lake: lakeProxyOptions(process.env),
    // Next attaches its listener on its first request; until then there is no one to answer.
    upgrade: (req, socket, head) =>
      upgrades.listenerCount('upgrade') > 0 ? upgrades.emit('upgrade', req, socket, head) : socket.destroy(),
  })
  server.listen(port, hostname, () => console.log(`[server] ready on http://${hostname}:${port}`))
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

/**
 * No script policy: next dev's hot reload runs inline scripts and eval. Pages still may not be
 * framed by other sites (the Studio's buttons publish and delete).
 */
function developmentPolicy(): ReturnType<typeof responsePolicy> {
  return { html: () => ({ headers: { 'content-security-policy': "frame-ancestors 'self'" } }), other: () => ({}) }
}

main().catch((error: unknown) => {
  console.error(`[server] ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
