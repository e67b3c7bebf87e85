import 'server-only'

import { revalidateTag } from 'next/cache'
import type { NextRequest } from 'next/server'
import { parseBody } from 'next-sanity/webhook'

import { env } from '@/lib/content/env'
import { tagsForDocument } from '@/lib/content/tags'
import { revalidateSecret } from '@/lib/content/token'

/** What the Sanity webhook sends (its projection: `{_type, "slug": slug.current}`). */
type WebhookBody = { _type?: unknown; slug?: unknown }

function reply(status: number, body: Record<string, unknown>) {
  return Response.json(body, { status })
}

/**
 * Revalidates the cache tags of a changed document. The request must carry Sanity's webhook
 * signature made with SANITY_REVALIDATE_SECRET.
 */
export async function handleRevalidateWebhook(request: NextRequest): Promise<Response> {
  if (!revalidateSecret) return reply(500, { error: 'SANITY_REVALIDATE_SECRET is not set on the server' })
  let parsed
  try {
    // Sanity's API is eventually consistent; the lake is not, so only wait for the former.
    parsed = await parseBody<WebhookBody>(request, revalidateSecret, env.mode === 'sanity')
  } catch {
    return reply(400, { error: 'The body is not valid JSON' })
  }
  if (!parsed.isValidSignature) return reply(401, { error: 'Invalid signature' })
  const type = parsed.body?._type
  if (typeof type !== 'string') return reply(400, { error: 'The body needs a _type' })
  const slug = typeof parsed.body?.slug === 'string' ? parsed.body.slug : null
  const revalidated = tagsForDocument({ _type: type, slug })
  // Stale-while-revalidate: the next request regenerates in the background. Expiring outright
  // would leave nothing to serve if the content source is down at that moment.
  for (const tag of revalidated) revalidateTag(tag, 'max')
  return reply(200, { revalidated })
}
