import { type NextRequest, NextResponse } from 'next/server'

import { checkShareLink } from '@/lib/content'
import { shareLinkRefusal } from '@/lib/preview/refusal'

/**
 * Share links (`/preview/<token>`) are checked before their page renders, so a wrong, tampered,
 * revoked or expired link gets its own status (401) and a page that says why; a page can only
 * answer 200 or 404. Nothing else passes through here (`config.matcher`).
 */
export async function proxy(request: NextRequest) {
  let token: string
  try {
    token = decodeURIComponent(request.nextUrl.pathname.slice('/preview/'.length))
  } catch {
    return shareLinkRefusal({ status: 'malformed' })
  }
  try {
    const check = await checkShareLink(token)
    return check.status === 'valid' ? NextResponse.next() : shareLinkRefusal(check)
  } catch (error) {
    console.error(`[preview] share link not checked: ${error instanceof Error ? error.message : error}`)
    return shareLinkRefusal({ status: 'unavailable' })
  }
}

export const config = { matcher: '/preview/:path*' }
