/**
 * A query worker (see query-pool.ts): holds a replica of every dataset, kept in step by the
 * messages the main thread sends in order (a whole dataset, or one committed transaction), and
 * answers queries with the same executor as the main thread would (execute.ts, planner and
 * indexes). Results are serialised here, so their size is checked and their cost paid off the
 * main thread. If a query outlives its budget, the main thread terminates this thread.
 */
import { parentPort } from 'node:worker_threads'

import { LakeError, queryResultTooLarge } from './errors'
import { runQuery } from './execute'
import type { LakeDocument } from './ndjson'
import type { ViewName } from './perspective'
import type { ToWorker, FromWorker } from './query-messages'
import { DatasetView, DatasetViews, nextDocuments } from './view'

class Replica {
  private views: DatasetViews

  constructor(docs: readonly LakeDocument[]) {
    this.views = new DatasetViews(docs, { eager: true })
  }

  commit(changed: Array<[string, LakeDocument | null]>): void {
    // Indexes follow when a query asks: building them for every write would take the CPU the
    // writes need (two workers, each over the whole dataset, on a small machine).
    const changes = new Map(changed)
    this.views = new DatasetViews(nextDocuments(this.views.docs, changes), { after: { previous: this.views, changed: changes } })
  }

  view(perspective: ViewName): DatasetView {
    return this.views.get(perspective)
  }
}

const replicas = new Map<string, Replica>()
const port = parentPort!

port.on('message', async (message: ToWorker) => {
  if (message.type === 'ping') {
    // One small query per replica first, so the first real one does not pay for a cold parser.
    for (const replica of replicas.values())
      await runQuery(replica.view('anonymous'), 'count(*[_type == $t])', { params: { t: '' }, timeoutMs: 10_000 }).catch(() => {})
    port.postMessage({ ready: true } satisfies FromWorker)
    return
  }
  if (message.type === 'dataset') {
    replicas.set(message.name, new Replica(message.docs))
    return
  }
  if (message.type === 'commit') {
    replicas.get(message.name)?.commit(message.changed)
    return
  }
  const reply = (answer: FromWorker) => port.postMessage(answer)
  try {
    // A transaction's working copy, for one selection by query: no text index (see DatasetView).
    const view = message.docs
      ? new DatasetView(message.docs, 'raw', undefined, null)
      : replicas.get(message.dataset)?.view(message.perspective)
    if (!view) throw new LakeError(404, 'httpNotFound', `Dataset "${message.dataset}" not found`)
    const result = await runQuery(view, message.query, {
      params: message.params,
      timeoutMs: message.timeoutMs,
      dataset: message.dataset,
      maxResultBytes: message.maxResultBytes,
    })
    const json = JSON.stringify(result) ?? 'null'
    if (json.length > message.maxResultBytes) throw queryResultTooLarge(message.maxResultBytes)
    reply({ id: message.id, ok: true, json })
  } catch (err) {
    if (err instanceof LakeError) {
      reply({ id: message.id, ok: false, status: err.status, type: err.type, description: err.message, details: err.details })
    } else if (err instanceof RangeError) {
      // Deeply nested query trees overflow the parser's or planner's recursion.
      reply({
        id: message.id,
        ok: false,
        status: 400,
        type: 'queryTooComplex',
        description: `Query is too deeply nested to run (${err.message})`,
        details: {},
      })
    } else {
      reply({
        id: message.id,
        ok: false,
        status: 500,
        type: 'internalError',
        description: `Internal error: ${(err as Error)?.message ?? String(err)}`,
        details: {},
      })
    }
  }
})
