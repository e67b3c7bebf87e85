import 'server-only'

import { z } from 'zod'

import { shareLinkKey } from '@/lib/preview/share-links'

import { env } from './env'

/** Server-only secrets. Never import this from a client component. */
const schema = z.object({
  SANITY_REVALIDATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SANITY_API_READ_TOKEN: z.string().min(16, 'must be a Sanity API token (Viewer rights)').optional(),
  SANITY_LAKE_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  PREVIEW_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
})

const parsed = schema.safeParse({
  SANITY_REVALIDATE_SECRET: process.env.SANITY_REVALIDATE_SECRET || undefined,
  SANITY_API_READ_TOKEN: process.env.SANITY_API_READ_TOKEN || undefined,
  SANITY_LAKE_TOKEN: process.env.SANITY_LAKE_TOKEN || undefined,
  PREVIEW_LINK_SECRET: process.env.PREVIEW_LINK_SECRET || undefined,
})
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`)
  throw new Error(`Invalid server secrets:\n${problems.join('\n')}`)
}

export const revalidateSecret = parsed.data.SANITY_REVALIDATE_SECRET

/**
 * The token that reads drafts, for previews: a Viewer token of the Sanity project
 * (`SANITY_API_READ_TOKEN`), or on the embedded default the lake's own (`SANITY_LAKE_TOKEN`, which
 * scripts/with-lake.ts passes on). Undefined: previews are off and say so.
 */
export const previewToken = env.mode === 'sanity' ? parsed.data.SANITY_API_READ_TOKEN : parsed.data.SANITY_LAKE_TOKEN

/** The key that signs share links (lib/preview/share-links.ts). */
export const previewLinkKey = shareLinkKey(parsed.data.PREVIEW_LINK_SECRET, previewToken)
