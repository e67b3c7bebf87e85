import {createReadStream, statSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'

import {badRequest, datasetNotFound, LakeError, notFound} from './errors'
import {runQuery} from './execute'
import {applyCors, parseJsonBody, readBody, sendJson} from './http'
import {handleListen} from './listen'
import {handleMutate} from './mutate'
import {defaultPerspective, parsePerspective} from './perspective'
import {DatasetStore, type Logger} from './store'

export type LakeOptions = {
  /** Dataset name -> NDJSON file in `sanity dataset export` layout (images in ./images beside it). */
  datasets: Record<string, string>
  /** 0 picks a free port. Default 3999. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Time budget of one query. Default 10 s. */
  queryTimeoutMs?: number
  /** Largest request body accepted (POST queries, mutations). Default 1 MiB. */
  maxBodyBytes?: number
  /** Reload a dataset when its file changes. Default true. */
  watch?: boolean
  /** Where the lake reports reloads and problems. Default: stderr. */
  log?: Logger
}

export type Lake = {
  url: string
  port: number
  /** Rereads a dataset file now (the watcher does this on its own). */
  reload(dataset?: string): boolean
  close(): Promise<void>
}

export type LakeContext = {
  datasets: Map<string, DatasetStore>
  queryTimeoutMs: number
  maxBodyBytes: number
  log: Logger
  /** Open event streams, ended on close. */
  streams: Set<ServerResponse>
}

const API = /^\/v([^/]+)\/data\/(query|doc|mutate|listen)\/([^/]+)(?:\/(.*))?$/
const IMAGE = /^\/images\/([^/]+)\/([^/]+)\/([A-Za-z0-9]+-(\d+)x(\d+)\.([a-z0-9]+))(?:\/[^/]+)?$/
const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  svg: 'image/svg+xml', avif: 'image/avif', tiff: 'image/tiff',
}

/** Starts the lake; resolves once it listens. Throws when a dataset file is missing or malformed. */
export async function startLake(options: LakeOptions): Promise<Lake> {
  const log = options.log ?? ((message: string) => console.error(`lake: ${message}`))
  const datasets = new Map<string, DatasetStore>()
  try {
    for (const [name, file] of Object.entries(options.datasets)) datasets.set(name, new DatasetStore(name, file, log))
  } catch (err) {
    for (const store of datasets.values()) store.close()
    throw err
  }
  if (options.watch !== false) for (const store of datasets.values()) store.watch()

  const context: LakeContext = {
    datasets,
    queryTimeoutMs: options.queryTimeoutMs ?? 10_000,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    log,
    streams: new Set(),
  }
  const server = createServer((req, res) => {
    handle(context, req, res).catch((err) => fail(context, res, err))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3999, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    reload: (dataset = 'production') => datasets.get(dataset)?.reload() ?? false,
    close: () => closeServer(server, context),
  }
}

async function closeServer(server: Server, context: LakeContext): Promise<void> {
  for (const store of context.datasets.values()) store.close()
  for (const stream of context.streams) stream.end()
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
  sendJson(res, 500, {error: {description: `Internal error: ${(err as Error)?.message ?? String(err)}`, type: 'internalError'}})
}

async function handle(context: LakeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  applyCors(req, res)
  if (req.method === 'OPTIONS') {
    res.statusCode = 204
    res.end()
    return
  }
  const url = new URL(req.url ?? '/', 'http://lake.local')
  const image = IMAGE.exec(url.pathname)
  if (image) return serveImage(context, req, res, image[2]!, image[3]!, image[6]!)

  const api = API.exec(url.pathname)
  if (!api) throw notFound(`No route for ${req.method} ${url.pathname}`)
  const [, apiVersion, endpoint, datasetName, rest] = api as unknown as [string, string, string, string, string | undefined]
  if (!/^(\d{4}-\d{2}-\d{2}|1|X)$/.test(apiVersion)) {
    throw badRequest(`Invalid API version "${apiVersion}": use a date like 2025-02-19, 1 or X`)
  }
  const store = context.datasets.get(decodeURIComponent(datasetName))
  if (!store) throw datasetNotFound(decodeURIComponent(datasetName))

  if (endpoint === 'query' && rest === undefined && (req.method === 'GET' || req.method === 'POST')) {
    return query(context, store, apiVersion, url, req, res)
  }
  if (endpoint === 'doc' && rest && req.method === 'GET') return doc(store, url, rest, res)
  if (endpoint === 'mutate' && rest === undefined && req.method === 'POST') {
    return handleMutate(context, store, url, req, res)
  }
  if (endpoint === 'listen' && rest === undefined && req.method === 'GET') {
    return handleListen(context, store, url, req, res)
  }
  throw notFound(`No route for ${req.method} ${url.pathname}`)
}

async function query(
  context: LakeContext,
  store: DatasetStore,
  apiVersion: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now()
  let groq: unknown = url.searchParams.get('query')
  const params: Record<string, unknown> = {}
  let perspectiveName: unknown = url.searchParams.get('perspective')
  if (req.method === 'POST') {
    const body = parseJsonBody(await readBody(req, context.maxBodyBytes))
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

/** GET /data/doc/:dataset/:ids - documents by id as stored (drafts under their drafts. id). */
function doc(store: DatasetStore, url: URL, rest: string, res: ServerResponse): void {
  const ids = rest.split(',').map((id) => decodeURIComponent(id)).filter(Boolean)
  const byId = store.view('raw').byId
  const excludeContent = url.searchParams.get('excludeContent') === 'true'
  const documents: unknown[] = []
  const omitted: Array<{id: string; reason: string}> = []
  for (const id of ids) {
    const found = byId.get(id)
    if (!found) omitted.push({id, reason: 'existence'})
    else documents.push(excludeContent ? {_id: found._id, _type: found._type, _rev: found._rev} : found)
  }
  sendJson(res, 200, {documents, omitted})
}

/**
 * Image files at the CDN's paths (/images/:projectId/:dataset/:sha1-:wx:h.:ext). Transform
 * parameters (w, h, fit, auto, q...) are ignored: the original file is served.
 */
function serveImage(
  context: LakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  datasetName: string,
  file: string,
  ext: string,
): void {
  const store = context.datasets.get(decodeURIComponent(datasetName))
  const type = IMAGE_TYPES[ext]
  if (!store || !type || (req.method !== 'GET' && req.method !== 'HEAD')) throw notFound(`No image ${file}`)
  const path = join(store.imagesDir, file)
  let size: number
  let mtime: Date
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new Error('not a file')
    size = stat.size
    mtime = stat.mtime
  } catch {
    throw notFound(`No image ${file} in dataset "${store.name}"`)
  }
  // The file name holds the content's SHA-1, so the bytes behind a URL never change.
  const etag = `"${file}-${size}"`
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
  res.setHeader('ETag', etag)
  res.setHeader('Last-Modified', mtime.toUTCString())
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304
    res.end()
    return
  }
  res.statusCode = 200
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Length', size)
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res)
}
