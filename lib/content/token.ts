import 'server-only'

import { z } from 'zod'

/** Server-only secrets. Never import this from a client component. */
const schema = z.object({
  SANITY_API_READ_TOKEN: z.string().min(1).optional(),
  SANITY_REVALIDATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
})

const parsed = schema.safeParse({
  SANITY_API_READ_TOKEN: process.env.SANITY_API_READ_TOKEN || undefined,
  SANITY_REVALIDATE_SECRET: process.env.SANITY_REVALIDATE_SECRET || undefined,
})
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`)
  throw new Error(`Invalid server secrets:\n${problems.join('\n')}`)
}

export const readToken = parsed.data.SANITY_API_READ_TOKEN
export const revalidateSecret = parsed.data.SANITY_REVALIDATE_SECRET
