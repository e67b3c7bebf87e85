import { buildSite } from '../helpers/site'

/**
 * Builds the site once for every test in tests/e2e. INSIGHTS_REUSE_BUILD=1 skips it when a
 * build of the current code is already in .next (a developer's shortcut; CI always builds).
 */
export default async function globalSetup() {
  if (process.env.INSIGHTS_REUSE_BUILD === '1' && !process.env.CI) return
  const started = Date.now()
  await buildSite()
  console.log(`\n[site] next build finished in ${Math.round((Date.now() - started) / 1000)} s`)
}
