import type { NextRequest } from 'next/server'

import { enableDraftMode } from '@/lib/preview/draft-mode'

export function GET(request: NextRequest) {
  return enableDraftMode(request)
}
