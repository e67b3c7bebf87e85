import { z } from 'zod'

/**
 * Public configuration, validated once. No project id means the embedded default: the local
 * content lake (`lake/`). Secrets live in `token.ts`, which is server-only.
 */
const apiVersion = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}|1|X)$/, 'must be a date like 2025-02-19')
  .default('2025-02-19')

const schema = z.object({
  NEXT_PUBLIC_SANITY_PROJECT_ID: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a Sanity project id: lowercase letters, digits and dashes')
    .optional(),
  NEXT_PUBLIC_SANITY_DATASET: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, 'must be a dataset name: lowercase letters, digits, _ and -')
    .default('production'),
  NEXT_PUBLIC_SANITY_API_VERSION: apiVersion,
  NEXT_PUBLIC_SITE_URL: z.url('must be an absolute URL like https://insights.example.org').default('http://localhost:3000'),
  SANITY_LAKE_URL: z.url('must be the lake URL, like http://127.0.0.1:3999').default('http://127.0.0.1:3999'),
  CONTENT_REVALIDATE_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(300),
})

export type ContentEnv = z.infer<typeof schema> & { mode: 'embedded' | 'sanity' }

export function parseContentEnv(source: Record<string, string | undefined>): ContentEnv {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid content configuration:\n${problems.join('\n')}\nSee .env.example.`)
  }
  return { ...result.data, mode: result.data.NEXT_PUBLIC_SANITY_PROJECT_ID ? 'sanity' : 'embedded' }
}

// Next inlines NEXT_PUBLIC_* only when named literally, so the object is spelled out.
export const env = parseContentEnv({
  NEXT_PUBLIC_SANITY_PROJECT_ID: process.env.NEXT_PUBLIC_SANITY_PROJECT_ID,
  NEXT_PUBLIC_SANITY_DATASET: process.env.NEXT_PUBLIC_SANITY_DATASET,
  NEXT_PUBLIC_SANITY_API_VERSION: process.env.NEXT_PUBLIC_SANITY_API_VERSION,
  NEXT_PUBLIC_SITE_URL: process.env.NEXT_PUBLIC_SITE_URL,
  SANITY_LAKE_URL: process.env.SANITY_LAKE_URL,
  CONTENT_REVALIDATE_SECONDS: process.env.CONTENT_REVALIDATE_SECONDS,
})
