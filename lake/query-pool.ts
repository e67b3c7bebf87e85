import { availableParallelism } from 'node:os'
import { extname, join } from 'node:path'
import { Worker } from 'node:worker_threads'

import { LakeError, QueryTimeoutError } from './errors'
import type { LakeDocument } from './ndjson'
import type { FromWorker, ToWorker } from './query-messages'
import type { Logger } from './store'

type QueryMessage = Omit<Extract<ToWorker, { type: 'query' }>, 'type' | 'id' | 'timeoutMs'>
type Job = {
  message: QueryMessage
  deadline: number
  timeoutMs: number
  signal?: AbortSignal
  resolve(json: string): void
  reject(err: unknown): void
}
type Slot = { worker: Worker; running: { id: number; job: Job; timer: NodeJS.Timeout } | null; ready: Promise<void>; isReady: boolean }

/** Past the budget, the worker gets this long to answer `queryTimeout` itself before it is terminated. */
const GRACE_MS = 100

/**
 * The worker runs the lake's own TypeScript: under tsx or Jest the main thread's loader does not
 * reach a worker, so the worker registers tsx's require hook before loading its entry.
 */
const entry = join(__dirname, `query-worker${extname(__filename)}`)
const BOOT = `const {workerData} = require('node:worker_threads')
if (workerData.tsx) require(workerData.tsx).register()
require(workerData.entry)`

export const defaultWorkerCount = () => Math.min(2, Math.max(1, availableParallelism()))

/**
 * Queries run in worker threads, where a query that outlives its time budget can be stopped:
 * its worker is terminated and replaced. Each worker holds a replica of every dataset: the whole
 * dataset when it starts and on reload, then each committed transaction, posted before the
 * mutation is acknowledged (a worker handles its messages in order, so a later query sees it).
 * A query goes to an idle worker, or waits for one; its budget counts from when it arrived.
 */
export class QueryPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false

  constructor(
    size: number,
    private readonly datasets: () => Iterable<[string, readonly LakeDocument[]]>,
    private readonly log: Logger,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn())
  }

  private spawn(): Slot {
    const tsx = entry.endsWith('.ts') ? require.resolve('tsx/cjs/api') : null
    const worker = new Worker(BOOT, { eval: true, workerData: { entry, tsx }, execArgv: [], resourceLimits: { stackSizeMb: 16 } })
    worker.unref()
    let markReady = () => {}
    const slot: Slot = { worker, running: null, ready: new Promise<void>((resolve) => (markReady = resolve)), isReady: false }
    slot.ready.then(() => {
      slot.isReady = true
      this.pump()
    })
    for (const [name, docs] of this.datasets()) worker.postMessage({ type: 'dataset', name, docs } satisfies ToWorker)
    worker.postMessage({ type: 'ping' } satisfies ToWorker)
    worker.on('message', (answer: FromWorker) => ('ready' in answer ? markReady() : this.settle(slot, answer)))
    worker.on('error', (err) => {
      this.log(`query worker failed: ${err.message}`)
      this.replace(slot, new LakeError(500, 'internalError', `The query worker failed: ${err.message}`))
    })
    return slot
  }

  /** Resolves once every worker has loaded and holds its replicas (a worker that fails is replaced). */
  async ready(): Promise<void> {
    while (true) {
      const slots = [...this.slots]
      await Promise.race([Promise.all(slots.map((s) => s.ready)), new Promise((resolve) => setTimeout(resolve, 1000))])
      if (this.closed || slots.every((s, i) => this.slots[i] === s)) return
    }
  }

  /** Posts a dataset change to every worker, in order with the queries that follow. */
  broadcast(message: Extract<ToWorker, { type: 'dataset' | 'commit' }>): void {
    for (const slot of this.slots) slot.worker.postMessage(message)
  }

  /** Runs a query; resolves to the result as JSON text. */
  run(message: QueryMessage, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    if (this.closed) return Promise.reject(new LakeError(503, 'serviceUnavailable', 'The lake is closing'))
    return new Promise<string>((resolve, reject) => {
      const job: Job = { message, deadline: Date.now() + timeoutMs, timeoutMs, signal, resolve, reject }
      if (signal?.aborted) return reject(new LakeError(499, 'requestAborted', 'The client closed the request'))
      this.queue.push(job)
      signal?.addEventListener('abort', () => this.abort(job), { once: true })
      this.pump()
    })
  }

  private pump(): void {
    // Only workers that hold the datasets take queries; one still starting would make them wait.
    for (const slot of this.slots) {
      if (slot.running || !slot.isReady) continue
      let job = this.queue.shift()
      // Jobs that ran out of budget while queued fail here; the worker takes the next live one.
      while (job && job.deadline <= Date.now()) {
        job.reject(new QueryTimeoutError(job.timeoutMs))
        job = this.queue.shift()
      }
      if (!job) return
      const remaining = job.deadline - Date.now()
      const id = this.nextId++
      const timer = setTimeout(() => this.replace(slot, new QueryTimeoutError(job.timeoutMs)), remaining + GRACE_MS)
      slot.running = { id, job, timer }
      slot.worker.postMessage({ ...job.message, type: 'query', id, timeoutMs: remaining } satisfies ToWorker)
    }
  }

  private settle(slot: Slot, answer: Exclude<FromWorker, { ready: true }>): void {
    const running = slot.running
    if (!running || running.id !== answer.id) return
    clearTimeout(running.timer)
    slot.running = null
    if (answer.ok) running.job.resolve(answer.json)
    // The worker counts from what was left of the budget when it started; the client is told the limit.
    else if (answer.type === 'queryTimeout') running.job.reject(new QueryTimeoutError(running.job.timeoutMs))
    else running.job.reject(new LakeError(answer.status, answer.type, answer.description, answer.details))
    // A query stopped at its budget may leave groq-js branches running in the worker until each
    // meets a budget check; a fresh worker takes its place rather than making the next query wait.
    if (!answer.ok && answer.type === 'queryTimeout') this.replace(slot, null)
    else this.pump()
  }

  /** A client that went away: drop its query from the queue, or stop the worker running it. */
  private abort(job: Job): void {
    const queued = this.queue.indexOf(job)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      job.reject(new LakeError(499, 'requestAborted', 'The client closed the request'))
      return
    }
    // A running query is left to finish (or to meet its budget) and its answer dropped: replacing
    // the worker would let a client that keeps hanging up keep every worker reloading datasets.
    const running = this.slots.find((s) => s.running?.job === job)?.running
    if (!running) return
    running.job = { ...job, resolve: () => {}, reject: () => {} }
    job.reject(new LakeError(499, 'requestAborted', 'The client closed the request'))
  }

  /** Terminates a worker (its running query, if any, fails with `err`) and starts a fresh one in its place. */
  private replace(slot: Slot, err: unknown): void {
    const index = this.slots.indexOf(slot)
    if (index < 0) return
    if (slot.running) {
      clearTimeout(slot.running.timer)
      slot.running.job.reject(err)
      slot.running = null
    }
    slot.worker.removeAllListeners()
    slot.worker.on('error', () => {})
    void slot.worker.terminate()
    if (this.closed) return
    this.slots[index] = this.spawn()
    this.pump()
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new LakeError(503, 'serviceUnavailable', 'The lake is closing'))
    await Promise.all(
      this.slots.map((slot) => {
        if (slot.running) {
          clearTimeout(slot.running.timer)
          slot.running.job.reject(new LakeError(503, 'serviceUnavailable', 'The lake is closing'))
        }
        return slot.worker.terminate()
      }),
    )
  }
}
