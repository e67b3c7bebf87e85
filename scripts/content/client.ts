/**
 * The write client of `npm run content`: the same backend the site reads (lib/content/api.ts
 * decides the host: the embedded lake at SANITY_LAKE_URL, or the Sanity project from the
 * environment), but uncached, seeing drafts (raw perspective), and with the write token
 * SANITY_API_WRITE_TOKEN when a Sanity project is configured (the lake's own token on the
 * embedded default). The token is read here, in a script, and never reaches the site.
 */
import path from 'node:path'

import { loadEnvConfig } from '@next/env'
import { createClient, type SanityClient } from '@sanity/client'

import { localLakeToken } from '../../lake/access'
import { clientConfig } from '../../lib/content/api'
import { parseContentEnv, type ContentEnv } from '../../lib/content/env'
import { CliError } from './errors'

export type Backend = {
  client: SanityClient
  /** Where it writes, for messages: the lake URL or `project <id> dataset <name>`. */
  name: string
  env: ContentEnv
  /** The base URL image files are downloaded from (`<base>/<asset path>`), for export. */
  imageBase: string
}

const root = path.resolve(__dirname, '..', '..')

export function connect(source: NodeJS.ProcessEnv = process.env): Backend {
  // .env.local and friends, as `next` and scripts/with-lake.ts read them.
  loadEnvConfig(root, false, { info: () => {}, error: console.error })
  let env: ContentEnv
  try {
    env = parseContentEnv({
      NEXT_PUBLIC_SANITY_PROJECT_ID: source.NEXT_PUBLIC_SANITY_PROJECT_ID,
      NEXT_PUBLIC_SANITY_DATASET: source.NEXT_PUBLIC_SANITY_DATASET,
      NEXT_PUBLIC_SANITY_API_VERSION: source.NEXT_PUBLIC_SANITY_API_VERSION,
      NEXT_PUBLIC_SITE_URL: source.NEXT_PUBLIC_SITE_URL,
      SANITY_LAKE_URL: source.SANITY_LAKE_URL,
      CONTENT_REVALIDATE_SECONDS: source.CONTENT_REVALIDATE_SECONDS,
    })
  } catch (error) {
    throw new CliError((error as Error).message.replace(/\n- /g, ' - ').replace(/\n/g, ' '))
  }
  // The embedded lake's token (SANITY_LAKE_TOKEN or the local token file, lake/access.ts).
  const token = env.mode === 'sanity' ? source.SANITY_API_WRITE_TOKEN || undefined : localLakeToken(source)
  if (env.mode === 'sanity' && !token) {
    throw new CliError(
      `No write token for Sanity project ${env.NEXT_PUBLIC_SANITY_PROJECT_ID}: create an Editor token at https://www.sanity.io/manage and set SANITY_API_WRITE_TOKEN in .env.local.`,
    )
  }
  const client = createClient({
    ...clientConfig(env),
    // An editor's command reads what is stored now, drafts included. The site's few quick
    // retries stay: they also cover a kept-alive socket the server closed while `sanity` loaded.
    useCdn: false,
    perspective: 'raw',
    token,
  })
  const name =
    env.mode === 'sanity'
      ? `Sanity project ${env.NEXT_PUBLIC_SANITY_PROJECT_ID} dataset ${env.NEXT_PUBLIC_SANITY_DATASET}`
      : env.SANITY_LAKE_URL
  // Asset documents hold `path: images/<project>/<dataset>/<file>`; the lake serves that path.
  const imageBase = env.mode === 'sanity' ? 'https://cdn.sanity.io' : env.SANITY_LAKE_URL.replace(/\/$/, '')
  return { client, name, env, imageBase }
}
