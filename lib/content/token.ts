import 'server-only'

import { z } from 'zod'

/** Server-only secrets. Never import this from a client component. */
const schema = z.object({
  SANITY_REVALIDATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
})

const parsed = schema.safeParse({
  SANITY_REVALIDATE_SECRET: process.env.SANITY_REVALIDATE_SECRET || undefined,
})
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`)
  throw new Error(`Invalid server secrets:\n${problems.join('\n')}`)
}

export const revalidateSecret = parsed.data.SANITY_REVALIDATE_SECRET
