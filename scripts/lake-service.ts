/**
 * The embedded lake as a service of its own (deploy/compose.yaml): `npm run lake` plus the site's
 * revalidation webhook, so a write reaches the pages of every instance (they share Redis, so one
 * webhook to any of them is enough). Everything else is the lake CLI's environment (lake/cli.ts):
 * LAKE_HOST, LAKE_PORT, LAKE_DATASET, LAKE_ALLOWED_HOSTS, LAKE_WEBHOOKS, SANITY_LAKE_TOKEN.
 *
 *   SITE_REVALIDATE_URL=http://web:8080 SANITY_REVALIDATE_SECRET=... tsx scripts/lake-service.ts
 */
import { webhooksFromEnv } from '../lake'
import { revalidateWebhook } from '../lib/revalidate/lake-webhook'

const site = process.env.SITE_REVALIDATE_URL
const secret = process.env.SANITY_REVALIDATE_SECRET
if (site && !secret) {
  console.error('[lake-service] SITE_REVALIDATE_URL needs SANITY_REVALIDATE_SECRET, the secret the site checks')
  process.exit(2)
}
if (!process.env.SANITY_LAKE_TOKEN) {
  // A token file inside a container is lost with it, and the site would not know it.
  console.error('[lake-service] set SANITY_LAKE_TOKEN (24+ characters), the same for the lake and the site')
  process.exit(2)
}
const webhooks = webhooksFromEnv(process.env.LAKE_WEBHOOKS)
if (site && secret) webhooks.push(revalidateWebhook(site, secret))
process.env.LAKE_WEBHOOKS = JSON.stringify(webhooks)

// The lake CLI reads the environment when it loads.
void import('../lake/cli')
