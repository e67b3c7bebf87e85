import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { hasToken, MIN_TOKEN_LENGTH, tokenRequired } from './access'
import type { DataEndpoint, Lake, LakeContext, LakeOptions } from './context'
import { actionsEndpoint } from './endpoints/actions'
import { docEndpoint } from './endpoints/doc'
import { historyEndpoint, referencesEndpoint } from './endpoints/history'
import { serveImage } from './endpoints/images'
import { listenEndpoint } from './endpoints/listen'
import { mutateEndpoint } from './endpoints/mutate'
import { handleMux } from './endpoints/mux'
import { queryEndpoint } from './endpoints/query'
import { createSockets } from './endpoints/socket'
import { handleStudioApi } from './endpoints/studio'
import { badRequest, datasetNotFound, LakeError, notFound } from './errors'
import { DEFAULT_MAX_RESULT_BYTES } from './execute'
import { decodePathPart, sendJson } from './http'
import { applyCors, checkRequest, DEFAULT_ALLOWED_ORIGINS, hostNames, parseOrigin } from './origins'
import { defaultWorkerCount, QueryPool } from './query-pool'
import { DatasetStore } from './store'
import { Webhooks } from './webhooks'
import { DEFAULT_VARIANT_LIMITS, VariantCache } from './images/variants'

/** The router: which endpoint module answers which path. The endpoints live in endpoints/. */
const DATA_ENDPOINTS: Record<string, DataEndpoint> = {
  query: queryEndpoint,
  doc: docEndpoint,
  mutate: mutateEndpoint,
  listen: listenEndpoint,
  actions: actionsEndpoint,
  history: historyEndpoint,
  references: referencesEndpoint,
}
const API = new RegExp(`^/v([^/]+)/data/(${Object.keys(DATA_ENDPOINTS).join('|')})/([^/]+)(?:/(.*))?$`)
/** One connection for all of a page's listeners (endpoints/mux.ts). */
const MUX = /^\/v([^/]+)\/mux(?:\/([^/]+))?$/
const IMAGE = /^\/images\/([^/]+)\/([^/]+)\/([A-Za-z0-9]+-(\d+)x(\d+)\.([a-z0-9]+))(?:\/[^/]+)?$/

/** Starts the lake; resolves once it listens. Throws when a dataset file is missing or malformed. */
export async function startLake(options: LakeOptions): Promise<Lake> {
  const log = options.log ?? ((message: string) => console.error(`lake: ${message}`))
  if (options.token !== null && (typeof options.token !== 'string' || options.token.length < MIN_TOKEN_LENGTH)) {
    throw new Error(`The lake's token must be at least ${MIN_TOKEN_LENGTH} characters (or null for a lake that trusts every request)`)
  }
  const origins = new Set((options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS).map(parseOrigin))
  const datasets = new Map<string, DatasetStore>()
  try {
    for (const [name, file] of Object.entries(options.datasets))
      datasets.set(name, new DatasetStore(name, file, log, { compaction: options.compaction }))
  } catch (err) {
    for (const store of datasets.values()) store.close()
    throw err
  }
  if (options.watch !== false) for (const store of datasets.values()) store.watch()
  let webhooks: Webhooks
  try {
    webhooks = new Webhooks(options.webhooks ?? [], log)
  } catch (err) {
    for (const store of datasets.values()) store.close()
    throw err
  }
  // Sent after each commit, in the background (webhooks.ts).
  for (const [name, store] of datasets) webhooks.watch(name, store)
  const queries = new QueryPool(
    options.queryWorkers ?? defaultWorkerCount(),
    () => [...datasets].map(([name, store]) => [name, store.documents]),
    log,
  )
  for (const [name, store] of datasets) {
    // Replicas follow the store: the whole dataset on reload, each transaction as it commits.
    store.onChange((change) => {
      if (change.type === 'reload') return queries.broadcast({ type: 'dataset', name, docs: [...store.documents] })
      const byId = store.view('raw').byId
      queries.broadcast({
        type: 'commit',
        name,
        changed: change.ids.map((id) => [id, byId.get(id) ?? null]),
      })
    })
  }

  const context: LakeContext = {
    datasets,
    token: options.token,
    queryTimeoutMs: options.queryTimeoutMs ?? 10_000,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxResultBytes: options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
    queries,
    log,
    policy: { origins, hosts: new Set() },
    streams: new Set(),
    images: new VariantCache({ ...DEFAULT_VARIANT_LIMITS, ...options.imageCache }, log),
  }
  const server = createServer((req, res) => {
    handle(context, req, res).catch((err) => fail(context, res, err))
  })
  // The Studio's presence socket (endpoints/socket.ts) arrives as an upgrade.
  const sockets = createSockets(context, isApiVersion)
  server.on('upgrade', (req, socket, head) => sockets.upgrade(req, socket, head))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3999, options.host ?? '127.0.0.1', () => resolve())
  }).catch(async (err) => {
    sockets.close()
    webhooks.close()
    await queries.close()
    for (const store of datasets.values()) store.close()
    throw err
  })
  // Answer no query before the workers hold the datasets: the first ones would wait for them.
  await queries.ready()
  const address = server.address() as AddressInfo
  context.policy = { origins, hosts: hostNames(address.port, options.host ?? '127.0.0.1', options.allowedHosts ?? []) }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    reload: (dataset = 'production') => datasets.get(dataset)?.reload() ?? false,
    compact: async (dataset = 'production') => (await datasets.get(dataset)?.compact()) ?? false,
    close: () => {
      sockets.close()
      webhooks.close()
      return closeServer(server, context)
    },
  }
}

async function closeServer(server: Server, context: LakeContext): Promise<void> {
  for (const store of context.datasets.values()) store.close()
  for (const stream of context.streams) stream.end()
  await context.queries.close()
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function fail(context: LakeContext, res: ServerResponse, err: unknown): void {
  if (!(err instanceof LakeError)) context.log(`internal error: ${(err as Error)?.stack ?? String(err)}`)
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (err instanceof LakeError) {
    // After a 413 the rest of the body is not read; close the connection instead of draining it.
    if (err.status === 413) res.setHeader('Connection', 'close')
    sendJson(res, err.status, err.toBody())
    return
  }
  sendJson(res, 500, { error: { description: `Internal error: ${(err as Error)?.message ?? String(err)}`, type: 'internalError' } })
}

async function handle(context: LakeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Every answer, errors included: a browser must take each one as the type it says it is.
  res.setHeader('X-Content-Type-Options', 'nosniff')
  checkRequest(context.policy, req)
  applyCors(req, res)
  if (req.method === 'OPTIONS') {
    res.statusCode = 204
    res.end()
    return
  }
  const url = new URL(req.url ?? '/', 'http://lake.local')
  const image = IMAGE.exec(url.pathname)
  if (image) return serveImage(context, req, res, image[2]!, image[3]!, image[6]!)

  const authorized = hasToken(context.token, req)
  const mux = MUX.exec(url.pathname)
  if (mux) {
    if (!authorized) throw tokenRequired('Listening')
    if (!isApiVersion(mux[1]!)) throw badRequest(`Invalid API version "${mux[1]}": use a date like 2025-02-19, 1 or X`)
    return handleMux(context, req, res, mux[2], (inner, out) => handle(context, inner, out))
  }

  const api = API.exec(url.pathname)
  // Everything else the Studio calls (users, project, ACL, uploads...): endpoints/studio.ts, a 404 past it.
  if (!api) {
    if (!authorized) throw tokenRequired('This API')
    return handleStudioApi(context, req, res, url, isApiVersion)
  }
  const [, apiVersion, name, datasetName, rest] = api as unknown as [string, string, string, string, string | undefined]
  if (!isApiVersion(apiVersion)) {
    throw badRequest(`Invalid API version "${apiVersion}": use a date like 2025-02-19, 1 or X`)
  }
  const store = context.datasets.get(decodePathPart(datasetName))
  if (!store) throw datasetNotFound(decodePathPart(datasetName))

  const endpoint = DATA_ENDPOINTS[name]!
  const pathFits = endpoint.path === 'none' ? rest === undefined : Boolean(rest)
  if (!pathFits || !endpoint.methods.includes(req.method ?? '')) throw notFound(`No route for ${req.method} ${url.pathname}`)
  if (endpoint.access === 'token' && !authorized) throw tokenRequired(`/data/${name}`)
  return endpoint.handle({ context, store, apiVersion, url, rest, authorized, req, res })
}

/** `1`, `X` or a real calendar date after 1970 (as @sanity/client checks it): not v2025-02-30, not v9999-99-99. */
function isApiVersion(version: string): boolean {
  if (version === '1' || version === 'X') return true
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(version)
  if (!m) return false
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return date.getTime() > 0 && date.toISOString().slice(0, 10) === version
}
