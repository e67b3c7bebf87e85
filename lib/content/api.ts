import type { ContentEnv } from './env'

/**
 * Where the content lives. The two modes differ only here: host settings. Everything else,
 * queries, validation and caching, is one code path.
 */
export function clientConfig(env: ContentEnv) {
  const common = {
    dataset: env.NEXT_PUBLIC_SANITY_DATASET,
    apiVersion: env.NEXT_PUBLIC_SANITY_API_VERSION,
    perspective: 'published' as const,
    // Few, quick retries: a reader waits for them, and availability.ts fails the rest fast while
    // the source is down (the client's default, 5 with back-off, kept a page waiting 7 s).
    maxRetries: 2,
  }
  if (env.mode === 'sanity') {
    return { ...common, projectId: env.NEXT_PUBLIC_SANITY_PROJECT_ID as string, useCdn: true }
  }
  return { ...common, projectId: 'local', useCdn: false, useProjectHostname: false, apiHost: env.SANITY_LAKE_URL }
}

/**
 * Base URL for image files. Sanity serves them from its CDN; the embedded lake's files are
 * proxied through the site at `/lake/images` (app/lake/images), so readers only talk to this site.
 * The image URL builder appends `/images/<project>/<dataset>/<file>`.
 */
export function imageBaseUrl(env: ContentEnv): string {
  return env.mode === 'sanity' ? 'https://cdn.sanity.io' : '/lake'
}
