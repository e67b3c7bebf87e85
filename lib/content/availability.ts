/**
 * Whether the content source answered lately. The content door records each query's outcome;
 * the site's server (server/policy.ts) reads it to answer a failed render with 503 instead of
 * 500, and the door fails fast while the source is known to be down.
 *
 * The state lives on globalThis under a registered symbol because the server and the bundled
 * route code load separate copies of this module in one process.
 */
const KEY = Symbol.for('insights.content-source')

interface Availability {
  /** When the last query failed for lack of an answer; null once one succeeds. */
  downSince: number | null
  /** When the door last let a query through to a source known to be down. */
  lastAttempt: number
}

function state(): Availability {
  const holder = globalThis as { [KEY]?: Availability }
  holder[KEY] ??= { downSince: null, lastAttempt: 0 }
  return holder[KEY]
}

export function markContentSourceUp(): void {
  state().downSince = null
}

export function markContentSourceDown(now = Date.now()): void {
  const current = state()
  current.downSince ??= now
  current.lastAttempt = now
}

/** True while the last query failed because the source did not answer. */
export function contentSourceDown(): boolean {
  return state().downSince !== null
}

/**
 * While the source is down, one query per `intervalMs` goes through to see whether it is back;
 * the others fail at once instead of each waiting for a timeout.
 */
export function shouldTryContentSource(now = Date.now(), intervalMs = 1000): boolean {
  const current = state()
  if (current.downSince === null || now - current.lastAttempt >= intervalMs) {
    current.lastAttempt = now
    return true
  }
  return false
}
