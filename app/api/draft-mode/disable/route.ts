import type { NextRequest } from 'next/server'

import { disableDraftMode } from '@/lib/preview/draft-mode'

export function GET(request: NextRequest) {
  return disableDraftMode(request)
}
