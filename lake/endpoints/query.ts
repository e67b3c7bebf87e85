import type {DataEndpoint, DataRequest} from '../context'
import {badRequest} from '../errors'
import {runQuery} from '../execute'
import {readJsonBody, sendJson} from '../http'
import {defaultPerspective, parsePerspective} from '../perspective'

/**
 * GET/POST /data/query/:dataset - `query` and `$name=<JSON>` params, or a body `{query, params}`;
 * answers `{query, result, ms}` in the requested (or the API version's default) perspective.
 */
export const queryEndpoint: DataEndpoint = {methods: ['GET', 'POST'], path: 'none', handle: query}

async function query({context, store, apiVersion, url, req, res}: DataRequest): Promise<void> {
  const started = performance.now()
  let groq: unknown = url.searchParams.get('query')
  const params: Record<string, unknown> = {}
  let perspectiveName: unknown = url.searchParams.get('perspective')
  if (req.method === 'POST') {
    const body = await readJsonBody(req, context.maxBodyBytes)
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Request body must be a JSON object like {"query": "...", "params": {}}')
    const {query: q, params: p, perspective} = body as Record<string, unknown>
    if (q !== undefined) groq = q
    if (perspective !== undefined && perspectiveName === null) perspectiveName = perspective
    if (p !== undefined) {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) throw badRequest('"params" must be a JSON object')
      Object.assign(params, p)
    }
  } else {
    for (const [key, raw] of url.searchParams) {
      if (!key.startsWith('$')) continue
      try {
        params[key.slice(1)] = JSON.parse(raw)
      } catch {
        throw badRequest(`Unable to parse value of "${key}=${raw}". Please quote string values.`, {param: key.slice(1)})
      }
    }
  }
  if (typeof groq !== 'string' || groq.trim() === '') throw badRequest('Missing query: pass a GROQ query as `query`')
  const perspective = perspectiveName === null || perspectiveName === undefined || perspectiveName === ''
    ? defaultPerspective(apiVersion)
    : parsePerspective(String(perspectiveName))
  if (!perspective) throw badRequest(`Unknown perspective "${String(perspectiveName)}": use raw, published or drafts`)

  const abort = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) abort.abort()
  })
  const result = await runQuery(store.view(perspective), groq, {
    params,
    timeoutMs: context.queryTimeoutMs,
    signal: abort.signal,
    dataset: store.name,
  })
  const ms = Math.round(performance.now() - started)
  const envelope = url.searchParams.get('returnQuery') === 'false' ? {result, ms} : {query: groq, result, ms}
  sendJson(res, 200, envelope)
}
