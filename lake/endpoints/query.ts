import type { DataEndpoint, DataRequest } from '../context'
import { badRequest, LakeError } from '../errors'
import { readJsonBody, sendJsonText } from '../http'
import { checkQueryLimits } from '../query-limits'
import { defaultPerspective, parsePerspective } from '../perspective'

/**
 * GET/POST /data/query/:dataset - `query` and `$name=<JSON>` params, or a body `{query, params}`;
 * answers `{query, result, ms}` in the requested (or the API version's default) perspective.
 */
export const queryEndpoint: DataEndpoint = { methods: ['GET', 'POST'], path: 'none', access: 'public', handle: query }

/** Sanity answers GET queries whose URL is over 11 KB with an error and asks for POST (HTTP query docs). */
const MAX_GET_URL_BYTES = 11_000
async function query({ context, store, apiVersion, url, authorized, req, res }: DataRequest): Promise<void> {
  const started = performance.now()
  if (req.method === 'GET' && Buffer.byteLength(req.url ?? '') > MAX_GET_URL_BYTES) {
    throw new LakeError(414, 'httpUriTooLong', `GET query URLs are limited to ${MAX_GET_URL_BYTES} bytes: send the query as POST`)
  }
  let groq: unknown = url.searchParams.get('query')
  const params: Record<string, unknown> = {}
  let perspectiveName: unknown = url.searchParams.get('perspective')
  if (req.method === 'POST') {
    const body = await readJsonBody(req, context.maxBodyBytes)
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('Request body must be a JSON object like {"query": "...", "params": {}}')
    const { query: q, params: p, perspective } = body as Record<string, unknown>
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
        throw badRequest(`Unable to parse value of "${key}=${raw}". Please quote string values.`, { param: key.slice(1) })
      }
    }
  }
  if (typeof groq !== 'string' || groq.trim() === '') throw badRequest('Missing query: pass a GROQ query as `query`')
  checkQueryLimits(groq)
  const asked =
    perspectiveName === null || perspectiveName === undefined || perspectiveName === ''
      ? defaultPerspective(apiVersion)
      : parsePerspective(String(perspectiveName))
  if (!asked) throw badRequest(`Unknown perspective "${String(perspectiveName)}": use raw, published or drafts`)
  // Without the token, every perspective sees what a public dataset shows (access.ts).
  const perspective = authorized ? asked : 'anonymous'

  const abort = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) abort.abort()
  })
  // The query runs in a worker (query-pool.ts), which answers with the result as JSON text.
  const result = await context.queries.run(
    { dataset: store.name, perspective, query: groq, params, maxResultBytes: context.maxResultBytes },
    context.queryTimeoutMs,
    abort.signal,
  )
  const ms = Math.round(performance.now() - started)
  const head = url.searchParams.get('returnQuery') === 'false' ? '{' : `{"query":${JSON.stringify(groq)},`
  sendJsonText(res, 200, `${head}"result":${result},"ms":${ms}}`)
}
