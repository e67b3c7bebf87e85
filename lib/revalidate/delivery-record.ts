import { SIGNATURE_MAX_AGE_MS, SIGNATURE_MAX_SKEW_MS } from './signature'

/**
 * Remembers the deliveries the webhook has acted on, so a replayed request or a retried delivery
 * is answered without revalidating twice. A key only needs keeping while a signature dated with
 * it could still be accepted: the age window, the clock skew and a minute's margin.
 *
 * It lives in this server's memory. Several instances would each keep their own; to share one
 * record they would keep it in the cache store instead, behind this same `claim`.
 */
export function createDeliveryRecord({ keepMs, maxKeys, now = Date.now }: { keepMs: number; maxKeys: number; now?: () => number }) {
  // Key -> when it may be forgotten. Every key is kept equally long, so insertion order is
  // expiry order and the oldest sit first.
  const keys = new Map<string, number>()

  function forget(at: number) {
    for (const [key, until] of keys) {
      if (until > at && keys.size <= maxKeys) break
      keys.delete(key)
    }
  }

  return {
    /** Records `candidates` and returns true, or returns false when any of them was already recorded. */
    claim(candidates: string[]): boolean {
      const at = now()
      forget(at)
      if (candidates.some((key) => keys.has(key))) return false
      for (const key of candidates) keys.set(key, at + keepMs)
      forget(at)
      return true
    },
    /** Forgets `candidates` again, so a delivery whose handling failed can be retried. */
    release(candidates: string[]): void {
      for (const key of candidates) keys.delete(key)
    },
    get size() {
      return keys.size
    },
  }
}

export const deliveries = createDeliveryRecord({
  keepMs: SIGNATURE_MAX_AGE_MS + SIGNATURE_MAX_SKEW_MS + 60_000,
  // Only signed requests are recorded, so this bounds memory against a flood from a secret holder.
  maxKeys: 10_000,
})
