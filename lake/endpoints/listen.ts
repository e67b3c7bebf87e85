import { randomBytes } from 'node:crypto'

import { evaluate, parse, type ExprNode } from 'groq-js'

import type { DataEndpoint, DataRequest } from '../context'
import { badRequest, queryParseError } from '../errors'
import type { LakeDocument } from '../ndjson'
import { effects, withoutRev } from '../effects'
import { LOCAL_EDITOR } from '../editor'
import { writeEvent } from '../http'
import { checkQueryLimits } from '../query-limits'

/**
 * GET /data/listen/:dataset?query=*[filter] - server-sent events: `welcome` once, then a
 * `mutation` event for each document a transaction changes that matches the filter before or
 * after the change (transition appear / update / disappear), in commit order, numbered within
 * the transaction (`transactionCurrentEvent` of `transactionTotalEvents`, counting this
 * listener's events). `previousRev` is the document's revision before (absent when it did not
 * exist), `resultRev` the transaction id (also for a deletion). With `result` unless
 * includeResult=false, `mutations` unless includeMutations=false, `effects` ({apply, revert},
 * mendoza) with effectFormat=mendoza, `previous` with includePreviousRevision=true.
 */
export const listenEndpoint: DataEndpoint = { methods: ['GET'], path: 'none', access: 'token', handle: listen }

function listen({ context, store, url, res }: DataRequest): void {
  const query = url.searchParams.get('query')
  if (!query) throw badRequest('Missing query: pass a GROQ filter like *[_type == "article"] as `query`')
  checkQueryLimits(query)
  const params: Record<string, unknown> = {}
  for (const [key, raw] of url.searchParams) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(raw)
    } catch {
      throw badRequest(`Unable to parse value of "${key}=${raw}". Please quote string values.`)
    }
  }
  let tree: ExprNode
  try {
    tree = parse(query, { params })
  } catch (err) {
    throw queryParseError((err as Error).message, query, 0, query.length)
  }
  const includeResult = url.searchParams.get('includeResult') !== 'false'
  const includeMutations = url.searchParams.get('includeMutations') !== 'false'
  const includePrevious = url.searchParams.get('includePreviousRevision') === 'true'
  const mendoza = url.searchParams.get('effectFormat') === 'mendoza'
  const visibility = url.searchParams.get('visibility') || 'query'
  const matches = async (doc: LakeDocument | null) => {
    if (!doc) return false
    const value = await (await evaluate(tree, { dataset: [doc], params })).get()
    return Array.isArray(value) ? value.length > 0 : value !== null
  }

  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
  // Events of a transaction queued before the client went away are dropped, not written to a closed stream.
  const send = (event: string, data: unknown) => {
    if (res.writableEnded || res.destroyed) return
    writeEvent(res, `event: ${event}\nid: ${randomBytes(6).toString('hex')}\ndata: ${JSON.stringify(data)}\n\n`, context.log, 'listener')
  }
  send('welcome', { listenerName: randomBytes(8).toString('hex') })
  context.streams.add(res)

  // Transactions are sent one after the other, in commit order, each whole.
  let queue = Promise.resolve()
  const unsubscribe = store.onChange((change) => {
    if (change.type !== 'mutation') return
    const current = store.view('raw').byId
    const changes = change.ids.map((id) => ({ id, before: change.previous.get(id) ?? null, after: current.get(id) ?? null }))
    const timestamp = new Date().toISOString()
    queue = queue
      .then(async () => {
        const events = []
        for (const { id, before, after } of changes) {
          const [was, is] = [await matches(before), await matches(after)]
          if (was || is) events.push({ id, before, after, transition: !was ? 'appear' : !is ? 'disappear' : 'update' })
        }
        events.forEach(({ id, before, after, transition }, index) => {
          send('mutation', {
            eventId: `${change.transactionId}#${id}`,
            documentId: id,
            transactionId: change.transactionId,
            transition,
            identity: LOCAL_EDITOR.id,
            // What the transaction did to this document, as one mutation: its new state or its deletion.
            ...(includeMutations ? { mutations: [after ? { createOrReplace: withoutRev(after) } : { delete: { id } }] } : {}),
            ...(mendoza ? { effects: effects(before, after) } : {}),
            ...(before ? { previousRev: before._rev } : {}),
            resultRev: change.transactionId,
            timestamp: typeof after?._updatedAt === 'string' ? after._updatedAt : timestamp,
            visibility,
            transactionTotalEvents: events.length,
            transactionCurrentEvent: index + 1,
            ...(includeResult && after ? { result: after } : {}),
            ...(includePrevious && before ? { previous: before } : {}),
          })
        })
      })
      .catch((err) => context.log(`listener: ${(err as Error).message}`))
  })
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 30_000)
  res.on('close', () => {
    clearInterval(heartbeat)
    unsubscribe()
    context.streams.delete(res)
  })
}
