import type { LakeDocument } from './ndjson'
import type { ViewName } from './perspective'

/** Messages to a query worker, processed in the order sent (see query-pool.ts). */
export type ToWorker =
  /** Answered with `ready` once every earlier message is handled. */
  | { type: 'ping' }
  | { type: 'dataset'; name: string; docs: readonly LakeDocument[] }
  | { type: 'commit'; name: string; changed: Array<[string, LakeDocument | null]> }
  | {
      type: 'query'
      id: number
      dataset: string
      perspective: ViewName
      query: string
      params: Record<string, unknown>
      timeoutMs: number
      maxResultBytes: number
      /** Run over these documents (raw) instead of the replica: a transaction's working copy. */
      docs?: LakeDocument[]
    }

export type FromWorker =
  | { ready: true }
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; status: number; type: string; description: string; details: Record<string, unknown> }
