import { REVALIDATE_PROJECTION } from './projection'

export { REVALIDATE_PROJECTION }

/** System documents (image assets) change no page. */
export const REVALIDATE_FILTER = '!string::startsWith(_type, "sanity.")'

/**
 * The lake webhook (a lake/webhooks.ts WebhookDefinition; the site does not import the lake) that
 * tells the site at `siteOrigin` (e.g. http://127.0.0.1:3000) what changed.
 */
export function revalidateWebhook(siteOrigin: string, secret: string) {
  return {
    name: 'site revalidation',
    url: new URL('/api/revalidate', siteOrigin).href,
    dataset: 'production',
    filter: REVALIDATE_FILTER,
    projection: REVALIDATE_PROJECTION,
    secret,
  }
}
