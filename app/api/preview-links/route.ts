import type { NextRequest } from 'next/server'

import { createShareLink } from '@/lib/preview/share-route'

export function POST(request: NextRequest) {
  return createShareLink(request)
}
