import type { DataEndpoint, DataRequest } from '../context'
import { notFound } from '../errors'
import { sendJson } from '../http'
import type { LakeDocument } from '../ndjson'

/**
 * GET /data/history/:dataset/... - the Studio's history panel and revision lookups. The lake keeps
 * no transaction log, so:
 *
 * - `transactions/:ids`: an empty NDJSON stream (no transactions known)
 * - `documents/:ids?revision=R | lastRevision=true | time=T`: `{documents}` from the current
 *   version only: the documents whose `_rev` is R, every document for lastRevision, those last
 *   changed at or before T for time (an older state is not kept, so it is left out)
 * - `events/documents/:id`: `{events: {[id]: []}, nextCursor: ''}`
 */
export const historyEndpoint: DataEndpoint = { methods: ['GET'], path: 'ids', handle: history }

const ids = (list: string) =>
  list
    .split(',')
    .map((id) => decodeURIComponent(id))
    .filter(Boolean)

function history({ store, url, rest, res }: DataRequest): void {
  const path = rest ?? ''
  const slash = path.indexOf('/')
  const kind = path.slice(0, slash)
  const tail = path.slice(slash + 1)
  if (slash > 0 && kind === 'transactions' && tail) {
    res.statusCode = 200
    res.setHeader('Content-Type', 'application/x-ndjson')
    res.setHeader('Cache-Control', 'no-store')
    res.end()
    return
  }
  if (slash > 0 && kind === 'documents' && tail) {
    const byId = store.view('raw').byId
    const revision = url.searchParams.get('revision')
    const time = url.searchParams.get('time')
    const keep = (doc: LakeDocument) => {
      if (revision) return doc._rev === revision
      if (url.searchParams.get('lastRevision') === 'true' || !time) return true
      return typeof doc._updatedAt === 'string' && doc._updatedAt <= time
    }
    const documents = ids(tail)
      .map((id) => byId.get(id))
      .filter((doc): doc is LakeDocument => doc !== undefined && keep(doc))
    sendJson(res, 200, { documents })
    return
  }
  const events = /^events\/documents\/([^/]+)$/.exec(path)
  if (events) {
    sendJson(res, 200, { events: { [decodeURIComponent(events[1]!)]: [] }, nextCursor: '' })
    return
  }
  throw notFound(`No history route for ${url.pathname}`)
}

/**
 * GET /data/references/:dataset/documents/:id/to - documents in other datasets that refer to a
 * document (the Studio's cross-dataset check before delete). The lake has no cross-dataset
 * references, and references inside the dataset are asked for with a query, so: none.
 */
export const referencesEndpoint: DataEndpoint = {
  methods: ['GET'],
  path: 'ids',
  handle: ({ url, rest, res }) => {
    if (!/^documents\/[^/]+\/to$/.test(rest ?? '')) throw notFound(`No route for GET ${url.pathname}`)
    sendJson(res, 200, { totalCount: 0, references: [] })
  },
}
