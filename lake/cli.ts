/**
 * npm run lake [-- --port N] [--host H] [--dataset FILE | --dataset name=FILE ...]
 * Env: LAKE_PORT, LAKE_HOST, LAKE_DATASET (same forms as --dataset; several separated by commas),
 * LAKE_WEBHOOKS (a JSON array of webhooks, see README), LAKE_ALLOWED_ORIGINS (browser origins allowed, comma-separated; default the site's
 * http://localhost:3000,http://127.0.0.1:3000), LAKE_ALLOWED_HOSTS (extra names for `Host`), SANITY_LAKE_TOKEN (the
 * token drafts and writes need; default: the one in .lake-token, made on first run).
 * Serves content/data.ndjson as "production" by default and prints `listening on URL` when ready.
 */
import { resolve } from 'node:path'

import { localLakeToken } from './access'
import { startLake } from './server'
import { webhooksFromEnv } from './webhooks'

function parseArgs(argv: string[]) {
  let port = process.env.LAKE_PORT ? Number(process.env.LAKE_PORT) : 3999
  let host = process.env.LAKE_HOST || '127.0.0.1'
  const specs: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [flag, inline] =
      arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = () => inline ?? argv[++i]
    if (flag === '--port') port = Number(value())
    else if (flag === '--host') host = String(value())
    else if (flag === '--dataset') specs.push(String(value()))
    else throw new Error(`unknown argument "${arg}" (use --port N, --host H, --dataset [name=]FILE)`)
  }
  if (specs.length === 0 && process.env.LAKE_DATASET) specs.push(...process.env.LAKE_DATASET.split(','))
  if (specs.length === 0) specs.push(resolve(__dirname, '..', 'content', 'data.ndjson'))
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${port}"`)
  const datasets: Record<string, string> = {}
  for (const spec of specs) {
    const eq = spec.indexOf('=')
    const [name, file] = eq > 0 && !spec.slice(0, eq).includes('/') ? [spec.slice(0, eq), spec.slice(eq + 1)] : ['production', spec]
    datasets[name] = resolve(file)
  }
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  const origins = list(process.env.LAKE_ALLOWED_ORIGINS)
  return {
    // Drafts, writes and the Studio's API need it: SANITY_LAKE_TOKEN or the local token file (access.ts).
    token: localLakeToken(),
    port,
    host,
    datasets,
    allowedOrigins: origins.length > 0 ? origins : undefined,
    allowedHosts: list(process.env.LAKE_ALLOWED_HOSTS),
    webhooks: webhooksFromEnv(process.env.LAKE_WEBHOOKS),
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  const lake = await startLake(options)
  console.log(`listening on ${lake.url}`)
  let closing = false
  const stop = () => {
    if (closing) return
    closing = true
    lake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err) => {
  console.error(`lake: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
