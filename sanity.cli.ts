import { defineCliConfig } from 'sanity/cli'

/**
 * For Sanity's CLI (`npx sanity dataset import content production`, ...): it works on the
 * project configured in the environment, like the site.
 */
export default defineCliConfig({
  api: {
    projectId: process.env.NEXT_PUBLIC_SANITY_PROJECT_ID,
    dataset: process.env.NEXT_PUBLIC_SANITY_DATASET || 'production',
  },
})
