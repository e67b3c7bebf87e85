import type { DataEndpoint, DataRequest } from '../context'
import { badRequest, notFound } from '../errors'
import { documentAt, documentEvents, filterTransactions, type HistoryTransaction, transactionsOf } from '../history'
import { decodePathPart, sendJson } from '../http'
import type { LakeDocument } from '../ndjson'

/**
 * GET /data/history/:dataset/... - Sanity's History API, from the transaction log (history.ts):
 *
 * - `transactions/:ids`: NDJSON, one transaction per line (`id`, `timestamp`, `author`,
 *   `documentIDs`, `effects` with `effectFormat=mendoza`, `mutations` unless `excludeMutations`),
 *   filtered by `fromTransaction`, `toTransaction`, `fromTime`, `toTime`, `authors`, `reverse`,
 *   `limit` (default and most 1000)
 * - `documents/:ids?revision=R | time=T | lastRevision=true`: `{documents}` as they were
 * - `events/documents/:id?limit=N&nextCursor=C`: `{events: {[id]: [...]}, nextCursor}`, the
 *   document group's events newest first (history.ts, `documentEvents`), what the Studio's history
 *   panel lists
 */
export const historyEndpoint: DataEndpoint = { methods: ['GET'], path: 'ids', access: 'token', handle: history }

/** Most document ids one request may name, and most transactions one answer holds. */
const MAX_IDS = 100
const MAX_TRANSACTIONS = 1000

function ids(list: string): string[] {
  const out = list.split(',').map(decodePathPart).filter(Boolean)
  if (out.length > MAX_IDS) throw badRequest(`At most ${MAX_IDS} document ids per request`)
  return out
}

/** A whole-number parameter of at least `min`, `fallback` when absent; anything else is a 400. */
function wholeNumber(params: URLSearchParams, name: string, fallback: number, min: number): number {
  const text = params.get(name)
  if (text === null || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < min)
    throw badRequest(`${name} must be a whole number of at least ${min}, got ${JSON.stringify(text)}`)
  return value
}

function isoTime(name: string, value: string | null): string | null {
  if (value === null || value === '') return null
  if (Number.isNaN(Date.parse(value))) throw badRequest(`${name} must be a date and time (ISO 8601), got ${JSON.stringify(value)}`)
  return new Date(value).toISOString()
}

function history({ store, url, rest, res }: DataRequest): void {
  const path = rest ?? ''
  const slash = path.indexOf('/')
  const kind = path.slice(0, slash)
  const tail = path.slice(slash + 1)
  const params = url.searchParams
  const current = (id: string): LakeDocument | undefined => store.view('raw').byId.get(id)
  if (slash > 0 && kind === 'transactions' && tail && !tail.includes('/')) {
    const limit = wholeNumber(params, 'limit', MAX_TRANSACTIONS, 0)
    const list = filterTransactions(transactionsOf(store.transactions(), current, ids(tail)), {
      fromTransaction: params.get('fromTransaction'),
      toTransaction: params.get('toTransaction'),
      fromTime: isoTime('fromTime', params.get('fromTime')),
      toTime: isoTime('toTime', params.get('toTime')),
      authors: params.get('authors')?.split(',').filter(Boolean) ?? null,
      reverse: params.get('reverse') === 'true',
      limit: Math.min(limit, MAX_TRANSACTIONS),
    })
    const mendoza = params.get('effectFormat') === 'mendoza'
    const withMutations = params.get('excludeMutations') !== 'true'
    const withContent = params.get('excludeContent') !== 'true'
    const lines = list.map(({ effects, mutations, ...tx }) =>
      JSON.stringify({
        ...tx,
        ...(mendoza ? { effects } : {}),
        ...(withMutations ? { mutations: withContent ? mutations : mutations.map(idOnly) } : {}),
      }),
    )
    res.statusCode = 200
    res.setHeader('Content-Type', 'application/x-ndjson')
    res.setHeader('Cache-Control', 'no-store')
    res.end(lines.map((line) => `${line}\n`).join(''))
    return
  }
  if (slash > 0 && kind === 'documents' && tail && !tail.includes('/')) {
    const revision = params.get('revision')
    const time = isoTime('time', params.get('time'))
    const entries = store.transactions()
    const documents = ids(tail)
      .map((id) => {
        if (revision) return documentAt(entries, current(id), id, { revision })
        if (time && params.get('lastRevision') !== 'true') return documentAt(entries, current(id), id, { time })
        return current(id)
      })
      .filter((doc): doc is LakeDocument => doc !== undefined)
    sendJson(res, 200, { documents })
    return
  }
  const events = /^events\/documents\/([^/]+)$/.exec(path)
  if (events) {
    const [id] = ids(events[1]!)
    if (!id) throw badRequest('Name one document id')
    const limit = wholeNumber(params, 'limit', 100, 1)
    const offset = wholeNumber(params, 'nextCursor', 0, 0)
    const all = documentEvents(store.transactions(), current, id)
    const end = offset + Math.min(limit, MAX_TRANSACTIONS)
    sendJson(res, 200, { events: { [id]: all.slice(offset, end) }, nextCursor: end < all.length ? String(end) : '' })
    return
  }
  throw notFound(`No history route for ${url.pathname}`)
}

/** A mutation without the document's content (`excludeContent=true`): what was written, not what. */
function idOnly(mutation: HistoryTransaction['mutations'][number]) {
  if (!('createOrReplace' in mutation)) return mutation
  const { _id, _type } = mutation.createOrReplace as { _id: string; _type: string }
  return { createOrReplace: { _id, _type } }
}

/**
 * GET /data/references/:dataset/documents/:id/to - documents in other datasets that refer to a
 * document (the Studio's cross-dataset check before delete). The lake has no cross-dataset
 * references, and references inside the dataset are asked for with a query, so: none.
 */
export const referencesEndpoint: DataEndpoint = {
  methods: ['GET'],
  path: 'ids',
  access: 'token',
  handle: ({ url, rest, res }) => {
    if (!/^documents\/[^/]+\/to$/.test(rest ?? '')) throw notFound(`No route for GET ${url.pathname}`)
    sendJson(res, 200, { totalCount: 0, references: [] })
  },
}
