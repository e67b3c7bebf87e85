import { LakeError, QueryTimeoutError } from './errors'

/** How many documents a scan hands groq-js between two turns of the event loop. */
const SCAN_CHUNK = 256

/**
 * Checks the time budget. groq-js evaluates with promises that never wait for I/O, so a long
 * query would hold the event loop; scans of documents instead yield to it every SCAN_CHUNK
 * documents (see `scan`), which lets the timer, the abort signal and other requests in.
 */
export class Budget {
  private readonly deadline: number
  constructor(
    private readonly timeoutMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.deadline = Date.now() + timeoutMs
  }

  check(): void {
    if (this.signal?.aborted) throw new LakeError(499, 'requestAborted', 'The client closed the request')
    if (Date.now() > this.deadline) throw new QueryTimeoutError(this.timeoutMs)
  }

  async pause(): Promise<void> {
    this.check()
    await new Promise((resolve) => setImmediate(resolve))
    this.check()
  }
}

/**
 * An iterable groq-js treats as a stream of documents (its `fromJS` wraps anything with a
 * `next` method in a StreamValue); each evaluation of the parameter starts a fresh scan.
 */
export function scan(docs: readonly unknown[], budget: Budget): unknown {
  if (docs.length <= SCAN_CHUNK) return docs
  return {
    next() {
      throw new Error('lake scan: iterate with for await')
    },
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < docs.length; i++) {
        if (i % SCAN_CHUNK === SCAN_CHUNK - 1) await budget.pause()
        yield docs[i]
      }
    },
  }
}
