import type { NextRequest } from 'next/server'

import { handleRevalidateWebhook } from '@/lib/revalidate/webhook'

export function POST(request: NextRequest) {
  return handleRevalidateWebhook(request)
}
