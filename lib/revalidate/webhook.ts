import 'server-only'

import { revalidateTag } from 'next/cache'
import type { NextRequest } from 'next/server'

import { env } from '@/lib/content/env'
import { findDependents } from '@/lib/content/loaders'
import { NO_DEPENDENTS, tagsForChange } from '@/lib/content/tags'
import { revalidateSecret } from '@/lib/content/token'

import { deliveries } from './delivery-record'
import { WebhookError } from './errors'
import { changeFromBody } from './projection'
import { readBodyWithin } from './read-body'
import { assertSignedBody, freshSignatureHeader } from './signature'

/** Sanity sends one per delivery and keeps it across retries of that delivery. */
const IDEMPOTENCY_HEADER = 'idempotency-key'
const MAX_IDEMPOTENCY_KEY_LENGTH = 200

function reply(status: number, body: Record<string, unknown>) {
  return Response.json(body, { status })
}

/** What marks this delivery as done: its signature, and Sanity's idempotency key when sent. */
function deliveryKeys(request: NextRequest, signature: string): string[] {
  const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER)
  if (!idempotencyKey) return [`signature:${signature}`]
  if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new WebhookError(400, `The ${IDEMPOTENCY_HEADER} header is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`)
  }
  return [`signature:${signature}`, `${IDEMPOTENCY_HEADER}:${idempotencyKey}`]
}

/**
 * Revalidates the cache tags of a changed document and of the documents showing it (the plan:
 * lib/content/README.md). The request must carry Sanity's webhook signature, made with
 * SANITY_REVALIDATE_SECRET within the last five minutes; each delivery is acted on once. The
 * checks run cheapest first, and nothing is parsed before the signature holds.
 */
export async function handleRevalidateWebhook(request: NextRequest): Promise<Response> {
  if (!revalidateSecret) return reply(500, { error: 'SANITY_REVALIDATE_SECRET is not set on the server' })
  try {
    const signature = freshSignatureHeader(request.headers)
    const body = await readBodyWithin(request)
    await assertSignedBody(body, signature, revalidateSecret)
    const change = changeFromBody(body)
    const keys = deliveryKeys(request, signature)
    if (!deliveries.claim(keys)) return reply(200, { revalidated: [], duplicate: true })
    try {
      // Sanity's API is eventually consistent; the lake is not, so only wait for the former.
      if (env.mode === 'sanity') await new Promise((resolve) => setTimeout(resolve, 3000))
      // The documents showing this one, as the source has them now (projection.ts says why the
      // webhook cannot send them). If the source cannot answer, nothing is revalidated and the
      // delivery fails, so it is retried.
      const dependents = change._id ? await findDependents(change) : NO_DEPENDENTS
      const revalidated = tagsForChange(change, dependents)
      // Stale-while-revalidate: the next request regenerates in the background. Expiring outright
      // would leave nothing to serve if the content source is down at that moment.
      for (const tag of revalidated) revalidateTag(tag, 'max')
      return reply(200, { revalidated })
    } catch (error) {
      // Not done after all: Sanity's retry of this delivery must be acted on.
      deliveries.release(keys)
      throw error
    }
  } catch (error) {
    if (error instanceof WebhookError) return reply(error.status, { error: error.message })
    throw error
  }
}
