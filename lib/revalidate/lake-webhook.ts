/**
 * The body POST /api/revalidate reads (webhook.ts): the changed document's `_type` and `slug`,
 * and the slug it had before the change, so a renamed or deleted document's old page is
 * revalidated too. On a delete `after()` is null and the slug is the deleted document's.
 * `_rev` changes with every write, so every write is sent (the lake sends nothing for a change
 * that leaves the projection as it was, and a title edit changes the page). The same projection
 * works in a Sanity project's GROQ-powered webhook.
 */
export const REVALIDATE_PROJECTION =
  '{_id, _type, _rev, "slug": coalesce(after().slug.current, before().slug.current), "previousSlug": before().slug.current}'

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
