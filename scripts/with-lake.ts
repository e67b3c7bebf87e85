/**
 * Runs a command (next dev, build or start) against the right content source.
 * With a Sanity project configured it just runs the command. Without one it makes sure the
 * embedded lake is serving content/: it reuses a lake already answering at SANITY_LAKE_URL, or
 * starts one on LAKE_PORT for as long as the command runs. A lake it starts sends a signed webhook
 * to the site's /api/revalidate after each write (SANITY_REVALIDATE_SECRET, or a random one it
 * hands to the command), plus any in LAKE_WEBHOOKS, so edits reach the pages at once.
 *
 *   tsx scripts/with-lake.ts next build
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'

import { loadEnvConfig } from '@next/env'

import { startLake, webhooksFromEnv } from '../lake'
import { localLakeToken } from '../lake/access'
import { revalidateWebhook } from '../lib/revalidate/lake-webhook'

const root = path.resolve(__dirname, '..')
const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: tsx scripts/with-lake.ts <command> [args...]')
  process.exit(2)
}

loadEnvConfig(root, (command === 'next' && args[0] === 'dev') || args.includes('--dev'))

async function lakeAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v2025-02-19/data/query/production?query=count(*)`, { signal: AbortSignal.timeout(1000) })
    return response.ok
  } catch {
    return false
  }
}

/** Whether the lake at `url` takes `token` (a lake started elsewhere may have another). */
async function tokenAccepted(url: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v2025-02-19/users/me`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(1000),
    })
    return response.ok
  } catch {
    return false
  }
}

/**
 * The browser origins the lake serves: LAKE_ALLOWED_ORIGINS if set, else the site's own origin
 * (NEXT_PUBLIC_SITE_URL, and localhost/127.0.0.1 on PORT, default 3000), where the Studio lives too.
 */
function allowedOrigins(): string[] {
  const listed = (process.env.LAKE_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  if (listed.length > 0) return listed
  const port = process.env.PORT || '3000'
  const origins = new Set([`http://localhost:${port}`, `http://127.0.0.1:${port}`])
  if (process.env.NEXT_PUBLIC_SITE_URL) origins.add(new URL(process.env.NEXT_PUBLIC_SITE_URL).origin)
  return [...origins]
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
  let stopLake: (() => Promise<void>) | undefined

  if (!process.env.NEXT_PUBLIC_SANITY_PROJECT_ID) {
    const port = Number(process.env.LAKE_PORT || 3999)
    const url = process.env.SANITY_LAKE_URL || `http://127.0.0.1:${port}`
    // The lake's one secret (lake/access.ts): the site reads drafts with it for previews, its
    // Studio proxy adds it to the editor's requests. Server-side only, never NEXT_PUBLIC_*.
    const token = localLakeToken(process.env)
    env.SANITY_LAKE_TOKEN = token
    if (await lakeAnswers(url)) {
      console.log(`[with-lake] using the lake at ${url}`)
      if (!(await tokenAccepted(url, token))) {
        console.warn(`[with-lake] the lake at ${url} refuses this token: previews and the Studio need its SANITY_LAKE_TOKEN`)
      }
    } else {
      // The site's route checks this secret; without one set, this run gets its own.
      env.SANITY_REVALIDATE_SECRET = process.env.SANITY_REVALIDATE_SECRET || randomBytes(24).toString('base64url')
      const lake = await startLake({
        token,
        port: Number(new URL(url).port) || port,
        datasets: { production: path.join(root, 'content/data.ndjson') },
        allowedOrigins: allowedOrigins(),
        // The name the site uses for the lake is one of the lake's names.
        allowedHosts: [
          new URL(url).host,
          ...(process.env.LAKE_ALLOWED_HOSTS ?? '')
            .split(',')
            .map((host) => host.trim())
            .filter(Boolean),
        ],
        webhooks: [
          revalidateWebhook(`http://127.0.0.1:${process.env.PORT || 3000}`, env.SANITY_REVALIDATE_SECRET),
          ...webhooksFromEnv(process.env.LAKE_WEBHOOKS),
        ],
      })
      console.log(`[with-lake] started the lake on ${lake.url} with content/data.ndjson`)
      stopLake = () => lake.close()
    }
    env.SANITY_LAKE_URL = url
  }

  const child = spawn(command as string, args, { stdio: 'inherit', env, shell: process.platform === 'win32' })
  const forward = (signal: NodeJS.Signals) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', async (code, signal) => {
    await stopLake?.()
    process.exit(code ?? (signal ? 0 : 1))
  })
}

main().catch((error) => {
  console.error(`[with-lake] ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
