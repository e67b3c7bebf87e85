/**
 * Document history from the transaction log (txlog.ts: history kept past compaction, then the
 * log), in the shapes of Sanity's History API that the Studio reads:
 *
 * - the transactions of some documents (`GET /data/history/:ds/transactions/:ids`), each with
 *   the mendoza `effects` the Studio's timeline applies, and
 * - the documents at a revision or a time (`GET /data/history/:ds/documents/:ids`).
 *
 * The Studio's timeline aligns each document's current `_rev` with a transaction id, and needs the
 * first revision it knows to be one too. A document that no logged transaction made (it came
 * from the dataset file) therefore gets one entry of its own, "the document as loaded": its id is
 * the `_rev`, its timestamp `_updatedAt`, its effect "the value is this document". So does the
 * state a document had before its first logged transaction, when the log kept that state.
 */
import { LOCAL_EDITOR } from './editor'
import { effects, type MendozaPatch, withoutRev } from './effects'
import type { LakeDocument } from './ndjson'
import { publishedId } from './perspective'
import type { TxEntry } from './txlog'

export interface HistoryTransaction {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects: Record<string, { apply: MendozaPatch; revert: MendozaPatch }>
  mutations: Array<{ createOrReplace: Omit<LakeDocument, '_rev'> } | { delete: { id: string } }>
}

const loaded = (id: string, doc: LakeDocument, fallbackTime: string): HistoryTransaction => ({
  id: String(doc._rev),
  timestamp: typeof doc._updatedAt === 'string' ? doc._updatedAt : fallbackTime,
  author: LOCAL_EDITOR.id,
  documentIDs: [id],
  effects: { [id]: effects(null, doc) },
  mutations: [{ createOrReplace: withoutRev(doc) }],
})

/** Every transaction that touched one of `ids`, oldest first, limited to those documents. */
export function transactionsOf(
  entries: readonly TxEntry[],
  current: (id: string) => LakeDocument | undefined,
  ids: readonly string[],
): HistoryTransaction[] {
  const wanted = new Set(ids)
  /** Each document's state after the transactions seen so far (null: did not exist). */
  const state = new Map<string, LakeDocument | null>()
  const out: HistoryTransaction[] = []
  /** States from before the log: each document's first known revision, older than every logged transaction. */
  const bases: HistoryTransaction[] = []
  for (const entry of entries) {
    const touched = entry.documents.filter((d) => wanted.has(d.id))
    if (touched.length === 0) continue
    const tx: HistoryTransaction = {
      id: entry.id,
      timestamp: entry.timestamp,
      author: entry.identity ?? LOCAL_EDITOR.id,
      documentIDs: [],
      effects: {},
      mutations: [],
    }
    for (const doc of touched) {
      if (!state.has(doc.id)) {
        // The first transaction of this document that the log still holds.
        const previous = doc.before === undefined ? null : (doc.previous ?? null)
        if (previous) bases.push(loaded(doc.id, previous, entry.timestamp))
        state.set(doc.id, previous)
      }
      tx.documentIDs.push(doc.id)
      tx.effects[doc.id] = effects(state.get(doc.id) ?? null, doc.after)
      tx.mutations.push(doc.after ? { createOrReplace: withoutRev(doc.after) } : { delete: { id: doc.id } })
      state.set(doc.id, doc.after)
    }
    out.push(tx)
  }
  const untouched = ids.flatMap((id) => {
    const doc = state.has(id) ? undefined : current(id)
    return doc && typeof doc._rev === 'string' ? [loaded(id, doc, new Date(0).toISOString())] : []
  })
  return [...[...bases, ...untouched].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0)), ...out]
}

export interface TransactionFilter {
  fromTransaction?: string | null
  toTransaction?: string | null
  fromTime?: string | null
  toTime?: string | null
  authors?: readonly string[] | null
  reverse?: boolean
  limit?: number
}

/**
 * The History API's filters: `fromTransaction`/`toTransaction` and `fromTime`/`toTime` bound the
 * list (inclusive; an id the list does not hold selects nothing), `authors` keeps those authors'
 * transactions, `reverse` gives newest first, and `limit` applies last.
 */
export function filterTransactions(list: readonly HistoryTransaction[], filter: TransactionFilter): HistoryTransaction[] {
  let from = 0
  let to = list.length - 1
  if (filter.fromTransaction) from = list.findIndex((tx) => tx.id === filter.fromTransaction)
  if (filter.toTransaction) to = list.findIndex((tx) => tx.id === filter.toTransaction)
  if (from < 0 || to < 0) return []
  let out = list.slice(from, to + 1)
  const { fromTime, toTime, authors } = filter
  if (fromTime) out = out.filter((tx) => tx.timestamp >= fromTime)
  if (toTime) out = out.filter((tx) => tx.timestamp <= toTime)
  if (authors && authors.length > 0) out = out.filter((tx) => authors.includes(tx.author))
  if (filter.reverse) out.reverse()
  return out.slice(0, filter.limit ?? out.length)
}

/**
 * A document as it was at revision `rev` (a transaction's id, or the `_rev` it had before its
 * first logged transaction), or at time `time` (the last transaction at or before it); undefined
 * when the log does not know, or the document did not exist then.
 */
export function documentAt(
  entries: readonly TxEntry[],
  doc: LakeDocument | undefined,
  id: string,
  at: { revision: string } | { time: string },
): LakeDocument | undefined {
  if ('revision' in at && doc?._rev === at.revision) return doc
  let seen = false
  let before: LakeDocument | null | undefined
  let latest: LakeDocument | null | undefined
  for (const entry of entries) {
    const change = entry.documents.find((d) => d.id === id)
    if (!change) continue
    if (!seen) before = change.before === undefined ? null : change.previous
    seen = true
    if ('revision' in at) {
      if (entry.id === at.revision) return change.after ?? undefined
      if (change.before === at.revision && change.previous) return change.previous
    } else if (entry.timestamp <= at.time) {
      latest = change.after
    }
  }
  if ('revision' in at) return undefined
  if (latest !== undefined) return latest ?? undefined
  // No logged transaction of it at or before the time: as it was before the first one, or as it is.
  const earlier = seen ? before : doc
  if (!earlier) return undefined
  const since = typeof earlier._createdAt === 'string' ? earlier._createdAt : ''
  return since <= at.time ? earlier : undefined
}

/** One event of a document's history, as Sanity's events API (`/data/history/:ds/events/documents/:id`) names them. */
export type DocumentEvent = { type: string; documentId: string; timestamp: string; author: string } & Record<string, string>

/**
 * The events of the document group of `id` (published and draft), newest first, from the
 * group's transactions (transactionsOf): created, published, unpublished, draft created or discarded,
 * changed without a draft, deleted. Edits of a draft are no events: the Studio reads them from
 * the transactions between two events, as it does with Sanity.
 */
export function documentEvents(
  entries: readonly TxEntry[],
  current: (id: string) => LakeDocument | undefined,
  id: string,
): DocumentEvent[] {
  const published = publishedId(id)
  const draft = `drafts.${published}`
  const transactions = transactionsOf(entries, current, [published, draft])
  /** Each document's revision after the transactions so far (absent: it does not exist). */
  const rev = new Map<string, string>()
  const events: DocumentEvent[] = []
  for (const tx of transactions) {
    const change = (docId: string) => {
      const effect = tx.effects[docId]
      return effect && { existed: effect.revert[1] !== null, exists: effect.apply[1] !== null, before: rev.get(docId) }
    }
    const p = change(published)
    const d = change(draft)
    if (!p && !d) continue
    const base = { documentId: published, timestamp: tx.timestamp, author: tx.author }
    if (p?.exists && d && d.existed && !d.exists) {
      events.push({
        ...base,
        type: 'publishDocumentVersion',
        revisionId: tx.id,
        versionId: draft,
        versionRevisionId: d.before ?? tx.id,
        publishCause: 'document.publish',
      })
    } else if (p && !p.exists) {
      const draftAfter = d ? d.exists : rev.has(draft)
      events.push(
        draftAfter
          ? { ...base, type: 'unpublishDocument', versionId: draft, versionRevisionId: d?.exists ? tx.id : (rev.get(draft) ?? tx.id) }
          : { ...base, type: 'deleteDocumentGroup' },
      )
    } else if (p?.exists) {
      events.push({ ...base, type: p.existed ? 'updateLiveDocument' : 'createLiveDocument', revisionId: tx.id })
    } else if (d && d.exists && !d.existed) {
      events.push({ ...base, type: 'createDocumentVersion', versionId: draft, versionRevisionId: tx.id })
    } else if (d && !d.exists) {
      events.push({ ...base, type: 'deleteDocumentVersion', versionId: draft, versionRevisionId: d.before ?? tx.id })
    }
    for (const [docId, c] of [
      [published, p],
      [draft, d],
    ] as const) {
      if (!c) continue
      if (c.exists) rev.set(docId, tx.id)
      else rev.delete(docId)
    }
  }
  return events.reverse()
}
