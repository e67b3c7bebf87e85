'use client'

import { ErrorMessage } from '@/components/ErrorMessage.client'

// Next requires this file name; the page itself is the ErrorMessage client leaf.
export default function Error({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage onRetry={reset} />
}
