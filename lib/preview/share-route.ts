import type { NextRequest } from 'next/server'

import { signGrant } from '@/lib/content'
import { WebhookError } from '@/lib/revalidate/errors'
import { readBodyWithin } from '@/lib/revalidate/read-body'
import { paths } from '@/lib/routing/paths'
import { absoluteUrl } from '@/lib/seo/urls'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  })

/**
 * `POST /api/preview-links` with `{"grant": "preview-grant.<id>"}`: the Studio's "Share preview
 * link" action has just made that grant with the editor's own rights; the site answers with the
 * link it signs for it, `{"url", "path", "expiresAt"}` (lib/content/preview.ts, signGrant).
 */
export async function createShareLink(request: NextRequest): Promise<Response> {
  let grant: unknown
  try {
    grant = (JSON.parse(await readBodyWithin(request, 4096)) as { grant?: unknown } | null)?.grant
  } catch (error) {
    if (error instanceof WebhookError) return json(error.status, { error: error.message })
    return json(400, { error: 'The body must be JSON like {"grant": "preview-grant.<id>"}.' })
  }
  if (typeof grant !== 'string') return json(400, { error: 'The body must be JSON like {"grant": "preview-grant.<id>"}.' })
  const signed = await signGrant(grant)
  if ('error' in signed) return json(signed.status, { error: signed.error })
  const path = paths.sharedPreview(signed.token)
  return json(200, { url: absoluteUrl(path), path, expiresAt: new Date(signed.claims.expires * 1000).toISOString() })
}
