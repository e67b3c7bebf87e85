import { createHash } from 'node:crypto'

import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import { evaluate, parse, type ExprNode } from 'groq-js'

import type { LakeDocument } from './ndjson'
import type { DatasetStore, Logger } from './store'

export type WebhookOperation = 'create' | 'update' | 'delete'

/**
 * A GROQ-powered webhook, as Sanity defines one: which changes (dataset, filter, operations,
 * drafts) send what (projection) where (url), signed with `secret`.
 */
export type WebhookDefinition = {
  /** For the log. Default: the URL. */
  name?: string
  /** http(s) URL the projection is POSTed to. */
  url: string
  /** Only this dataset's changes. Default: every dataset. */
  dataset?: string
  /** GROQ filter (e.g. `_type == "article"`); `before()`, `after()` and `delta::` functions work. Default: every document. */
  filter?: string
  /** GROQ projection (e.g. `{_id, _type}`) of the document; the same functions work. Default: the whole document. */
  projection?: string
  /** Signs each delivery (`sanity-webhook-signature`, as @sanity/webhook checks it). Default: unsigned. */
  secret?: string
  /** Also fire for `drafts.*` and `versions.*` documents. Default false. */
  includeDrafts?: boolean
  /** Default all three. */
  on?: readonly WebhookOperation[]
  /** Attempts per delivery, retried on network errors, 5xx and 429. Default 8 (about a minute in all). */
  maxAttempts?: number
  /** Wait before the first retry, doubled each time. Default 500 ms. */
  retryDelayMs?: number
  /** One attempt's time limit. Default 30 s. */
  timeoutMs?: number
}

const OPERATIONS: readonly WebhookOperation[] = ['create', 'update', 'delete']
const MAX_IDEMPOTENCY_KEY = 200

type Hook = {
  index: number
  label: string
  url: string
  dataset: string | undefined
  filter: ExprNode | null
  projection: ExprNode | null
  secret: string | undefined
  includeDrafts: boolean
  on: ReadonlySet<WebhookOperation>
  maxAttempts: number
  retryDelayMs: number
  timeoutMs: number
  /** Changes waiting to be delivered, oldest first (at most MAX_PENDING_DELIVERIES). */
  pending: Change[]
  /** Whether a delivery of this webhook is under way (they go one after another, in commit order). */
  sending: boolean
  /** Set once the oldest pending changes were dropped; cleared when the queue empties (one warning per outage). */
  dropping: boolean
}

/**
 * Pending deliveries per webhook. Each holds a dataset snapshot; with the receiver down and an
 * editor saving every second the queue would otherwise grow without bound. Past it, the oldest go.
 */
export const MAX_PENDING_DELIVERIES = 1000

type Change = {
  dataset: string
  transactionId: string
  timestamp: Date
  id: string
  before: LakeDocument | null
  after: LakeDocument | null
  /** The dataset after the transaction, for `*` and `->` in filters and projections. */
  documents: readonly LakeDocument[]
}

/** Reads `LAKE_WEBHOOKS`: a JSON array of webhook definitions (checked when the lake starts). */
export function webhooksFromEnv(value: string | undefined): WebhookDefinition[] {
  if (!value?.trim()) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch (err) {
    throw new Error(`LAKE_WEBHOOKS is not JSON: ${(err as Error).message}`)
  }
  if (!Array.isArray(parsed)) throw new Error('LAKE_WEBHOOKS must be a JSON array of webhooks ({url, filter?, projection?, secret?, ...})')
  return parsed as WebhookDefinition[]
}

function parseGroq(text: string, what: string, label: string): ExprNode {
  try {
    return parse(text, { mode: 'delta' })
  } catch (err) {
    throw new Error(`webhook "${label}": the ${what} does not parse: ${(err as Error).message}`)
  }
}

function positive(value: number | undefined, fallback: number, what: string, label: string): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0) throw new Error(`webhook "${label}": ${what} must be a number >= 0`)
  return value
}

function checked(def: WebhookDefinition, index: number): Hook {
  if (typeof def !== 'object' || def === null) throw new Error(`webhook ${index}: must be an object with a url`)
  const label = def.name || def.url || `#${index}`
  let url: URL
  try {
    url = new URL(def.url)
  } catch {
    throw new Error(`webhook "${label}": url "${def.url}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`webhook "${label}": url must be http or https`)
  const on = def.on ?? OPERATIONS
  if (!Array.isArray(on) || on.some((op) => !OPERATIONS.includes(op))) {
    throw new Error(`webhook "${label}": on must list some of ${OPERATIONS.join(', ')}`)
  }
  if (def.secret !== undefined && typeof def.secret !== 'string') throw new Error(`webhook "${label}": secret must be a string`)
  return {
    index,
    label,
    url: url.href,
    dataset: def.dataset,
    filter: def.filter?.trim() ? parseGroq(def.filter, 'filter', label) : null,
    projection: def.projection?.trim() ? parseGroq(def.projection, 'projection', label) : null,
    secret: def.secret || undefined,
    includeDrafts: def.includeDrafts === true,
    on: new Set(on),
    maxAttempts: Math.max(1, Math.floor(positive(def.maxAttempts, 8, 'maxAttempts', label))),
    retryDelayMs: positive(def.retryDelayMs, 500, 'retryDelayMs', label),
    timeoutMs: positive(def.timeoutMs, 30_000, 'timeoutMs', label),
    pending: [],
    sending: false,
    dropping: false,
  }
}

const isPublished = (id: string) => !id.startsWith('drafts.') && !id.startsWith('versions.')

/**
 * Sends the lake's webhooks. Subscribed to each dataset's committed transactions; works after the
 * commit, in the background (a write never waits for a receiver), each webhook's deliveries in
 * commit order. `close()` drops what is pending and aborts what is in flight.
 */
export class Webhooks {
  private readonly hooks: Hook[]
  private closed = false
  private readonly abort = new AbortController()
  private readonly waits = new Set<() => void>()

  /** Throws when a definition is malformed (bad URL, a filter or projection that does not parse). */
  constructor(
    definitions: readonly WebhookDefinition[],
    private readonly log: Logger,
  ) {
    this.hooks = definitions.map(checked)
  }

  /** Follows a dataset's transactions (a reload of the file is not a transaction and sends nothing). */
  watch(dataset: string, store: DatasetStore): void {
    if (this.hooks.length === 0) return
    store.onChange((change) => {
      if (change.type !== 'mutation' || this.closed) return
      // Read now: the store moves on with the next transaction.
      const byId = store.view('raw').byId
      const documents = store.documents
      const timestamp = new Date()
      const changes: Change[] = change.ids.map((id) => ({
        dataset,
        transactionId: change.transactionId,
        timestamp,
        id,
        before: change.previous.get(id) ?? null,
        after: byId.get(id) ?? null,
        documents,
      }))
      for (const hook of this.hooks) {
        if (hook.dataset !== undefined && hook.dataset !== dataset) continue
        const mine = changes.filter((c) => hook.includeDrafts || isPublished(c.id))
        if (mine.length === 0) continue
        this.enqueue(hook, mine)
      }
    })
  }

  close(): void {
    this.closed = true
    for (const hook of this.hooks) hook.pending.length = 0
    this.abort.abort()
    for (const wake of this.waits) wake()
    this.waits.clear()
  }

  private enqueue(hook: Hook, changes: Change[]): void {
    hook.pending.push(...changes)
    const over = hook.pending.length - MAX_PENDING_DELIVERIES
    if (over > 0) {
      hook.pending.splice(0, over)
      if (!hook.dropping) {
        this.log(
          `webhook "${hook.label}": more than ${MAX_PENDING_DELIVERIES} deliveries pending (is the receiver down?); dropping the oldest until the queue empties`,
        )
      }
      hook.dropping = true
    }
    if (!hook.sending) void this.send(hook)
  }

  private async send(hook: Hook): Promise<void> {
    hook.sending = true
    try {
      while (!this.closed && hook.pending.length > 0) {
        const change = hook.pending.shift()!
        try {
          const body = await this.payload(hook, change)
          if (body !== null) await this.deliver(hook, change, body)
        } catch (err) {
          this.log(`webhook "${hook.label}": ${(err as Error).message}`)
        }
      }
    } finally {
      hook.sending = false
      hook.dropping = false
      if (this.closed) hook.pending.length = 0
    }
  }

  /** The projection to send, or null when the webhook does not fire for this change. */
  private async payload(hook: Hook, change: Change): Promise<string | null> {
    const { before, after } = change
    if (!before && !after) return null
    const operation: WebhookOperation = !before ? 'create' : !after ? 'delete' : 'update'
    if (!hook.on.has(operation)) return null
    const run = async (tree: ExprNode, root: LakeDocument | null, delta: { before: LakeDocument | null; after: LakeDocument | null }) =>
      (await evaluate(tree, { root, dataset: change.documents, ...delta, timestamp: change.timestamp, identity: 'local-editor' })).get()
    const delta = { before, after }
    if (hook.filter) {
      // As Sanity does: a change fires when the document matches before or after it.
      const matches = async (doc: LakeDocument | null) => doc !== null && (await run(hook.filter!, doc, delta)) === true
      if (!(await matches(after)) && !(await matches(before))) return null
    }
    const project = (root: LakeDocument, d: typeof delta) => (hook.projection ? run(hook.projection, root, d) : root)
    const result = await project((after ?? before)!, delta)
    if (operation === 'update') {
      // What the projection was before: the document as it was, as if nothing had changed.
      const previous = await project(before!, { before, after: before })
      if (JSON.stringify(previous) === JSON.stringify(result)) return null
    }
    return JSON.stringify(result ?? null)
  }

  private async deliver(hook: Hook, change: Change, body: string): Promise<void> {
    const operation = !change.before ? 'create' : !change.after ? 'delete' : 'update'
    let key = `${change.transactionId}:${change.id}:${hook.index}`
    if (key.length > MAX_IDEMPOTENCY_KEY) key = createHash('sha256').update(key).digest('hex')
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': key,
      'sanity-operation': operation,
      'sanity-document-id': change.id,
      'sanity-transaction-id': change.transactionId,
      'sanity-transaction-time': change.timestamp.toISOString(),
      'sanity-dataset': change.dataset,
      'user-agent': 'Sanity.io webhook delivery (local lake)',
    }
    for (let attempt = 1; ; attempt++) {
      if (this.closed) return
      // Each attempt is signed when it is sent, as Sanity does.
      if (hook.secret) headers[SIGNATURE_HEADER_NAME] = await encodeSignatureHeader(body, Date.now(), hook.secret)
      let outcome: string
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(hook.timeoutMs)]),
        })
        await response.arrayBuffer().catch(() => undefined)
        if (response.ok) return
        outcome = `answered ${response.status}`
        if (response.status !== 429 && response.status < 500) {
          this.log(`webhook "${hook.label}": ${operation} of ${change.id} ${outcome}; not retried`)
          return
        }
      } catch (err) {
        if (this.closed) return
        outcome = `failed (${(err as Error).message})`
      }
      if (attempt >= hook.maxAttempts) {
        this.log(`webhook "${hook.label}": ${operation} of ${change.id} ${outcome}; gave up after ${attempt} attempts`)
        return
      }
      await this.sleep(hook.retryDelayMs * 2 ** (attempt - 1))
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.waits.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      this.waits.add(wake)
    })
  }
}
