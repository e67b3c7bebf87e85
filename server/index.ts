/**
 * The site's production server: Next's request handler behind the headers that depend on the
 * response (policy.ts) and compression. `npm start` runs it (through scripts/with-lake.ts).
 *
 *   tsx server/index.ts [--port 3000] [--hostname 0.0.0.0] [--dir .]
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import next from 'next'

import { responsePolicy } from './policy'
import { createSiteServer } from './site-server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p', default: process.env.PORT ?? '3000' },
    hostname: { type: 'string', short: 'H', default: process.env.HOSTNAME ?? '0.0.0.0' },
    dir: { type: 'string', default: '.' },
  },
})
const port = Number(values.port)
const hostname = values.hostname as string
const dir = path.resolve(values.dir as string)

async function main() {
  const policy = responsePolicy(process.env)
  const app = next({ dev: false, dir, hostname, port })
  await app.prepare()
  const server = createSiteServer(app.getRequestHandler(), policy)
  server.listen(port, hostname, () => console.log(`[server] ready on http://${hostname}:${port}`))
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  console.error(`[server] ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
