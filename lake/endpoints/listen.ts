import { randomBytes } from 'node:crypto'

import { evaluate, parse, type ExprNode } from 'groq-js'

import type { DataEndpoint, DataRequest } from '../context'
import { badRequest, queryParseError } from '../errors'
import type { LakeDocument } from '../ndjson'
import { checkQueryLimits } from '../query-limits'

/**
 * GET /data/listen/:dataset?query=*[filter] - server-sent events: `welcome` once, then a
 * `mutation` event for each document a transaction changes that matches the filter before or
 * after the change (transition appear / update / disappear), with `result` unless
 * includeResult=false.
 */
export const listenEndpoint: DataEndpoint = { methods: ['GET'], path: 'none', handle: listen }

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
  const matches = async (doc: LakeDocument | null) => {
    if (!doc) return false
    const value = await (await evaluate(tree, { dataset: [doc], params })).get()
    return Array.isArray(value) ? value.length > 0 : value !== null
  }

  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
  const send = (event: string, data: unknown) =>
    res.write(`event: ${event}\nid: ${randomBytes(6).toString('hex')}\ndata: ${JSON.stringify(data)}\n\n`)
  send('welcome', { listenerName: randomBytes(8).toString('hex') })
  context.streams.add(res)

  const unsubscribe = store.onChange(async (change) => {
    if (change.type !== 'mutation') return
    const current = store.view('raw').byId
    for (const id of change.ids) {
      const before = change.previous.get(id) ?? null
      const after = current.get(id) ?? null
      const [was, is] = [await matches(before), await matches(after)]
      if (!was && !is) continue
      send('mutation', {
        eventId: `${change.transactionId}#${id}`,
        documentId: id,
        transactionId: change.transactionId,
        transition: !was ? 'appear' : !is ? 'disappear' : 'update',
        identity: 'lake',
        mutations: [],
        previousRev: before?._rev,
        resultRev: after?._rev,
        timestamp: new Date().toISOString(),
        visibility: 'query',
        ...(includeResult && after ? { result: after } : {}),
      })
    }
  })
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 30_000)
  res.on('close', () => {
    clearInterval(heartbeat)
    unsubscribe()
    context.streams.delete(res)
  })
}
