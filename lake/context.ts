import type { IncomingMessage, ServerResponse } from 'node:http'

import type { VariantCache, VariantLimits } from './images/variants'
import type { RequestPolicy } from './origins'
import type { QueryPool } from './query-pool'
import type { CompactionOptions, DatasetStore, Logger } from './store'
import type { WebhookDefinition } from './webhooks'

/**
 * What the router and the endpoints share. The endpoints (endpoints/*.ts) import this module and
 * the server imports them; this module imports none of them.
 */
export type LakeOptions = {
  /** Dataset name -> NDJSON file in `sanity dataset export` layout (images in ./images beside it). */
  datasets: Record<string, string>
  /**
   * The token a request must carry (`Authorization: Bearer ...`) to see drafts and to write,
   * listen, read history or use the Studio's API; without it a request sees published documents
   * only (access.ts). `null` trusts every request: for tests of something else, never a served lake.
   */
  token: string | null
  /** 0 picks a free port. Default 3999. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Time budget of one query. Default 10 s. */
  queryTimeoutMs?: number
  /** Largest request body accepted (POST queries, mutations). Default 1 MiB. */
  maxBodyBytes?: number
  /** Largest query result, in bytes of JSON; larger ones are a 400 `queryResultTooLarge`. Default 32 MB. */
  maxResultBytes?: number
  /** Worker threads that run queries. Default: available parallelism, at least 1, at most 2. */
  queryWorkers?: number
  /** Reload a dataset when its file changes. Default true. */
  watch?: boolean
  /** Where the lake reports reloads and problems. Default: stderr. */
  log?: Logger
  /**
   * Origins whose browser pages may use the lake (scheme://host:port). Requests with any other
   * `Origin` get a 403. Default: the site's http://localhost:3000 and http://127.0.0.1:3000.
   */
  allowedOrigins?: readonly string[]
  /** Names besides 127.0.0.1, localhost and [::1] a request's `Host` may carry (`name` or `name:port`). */
  allowedHosts?: readonly string[]
  /** GROQ-powered webhooks sent after each committed transaction (webhooks.ts). */
  webhooks?: readonly WebhookDefinition[]
  /** When each dataset's transaction log is compacted into its file (store.ts, txlog.ts). */
  compaction?: Partial<CompactionOptions>
  /** Bounds of the image variants: bytes kept on disk, transforms at once and waiting (images/variants.ts). */
  imageCache?: Partial<VariantLimits>
}

export type Lake = {
  url: string
  port: number
  /** Rereads a dataset file now (the watcher does this on its own). */
  reload(dataset?: string): boolean
  /** Writes a dataset's file now from its transaction log (compaction does this on its own, and on close). */
  compact(dataset?: string): Promise<boolean>
  close(): Promise<void>
}

export type LakeContext = {
  datasets: Map<string, DatasetStore>
  /** See LakeOptions.token. */
  token: string | null
  queryTimeoutMs: number
  maxBodyBytes: number
  maxResultBytes: number
  /** Where queries run (worker threads that can be stopped). */
  queries: QueryPool
  log: Logger
  /** Allowed origins and the lake's own host names (known once it listens). */
  policy: RequestPolicy
  /** Open event streams, ended on close. */
  streams: Set<ServerResponse>
  /** Transformed images, made and kept within bounds. */
  images: VariantCache
}

/** A request to `/v{apiVersion}/data/{endpoint}/{dataset}[/{rest}]`, its dataset found. */
export type DataRequest = {
  context: LakeContext
  store: DatasetStore
  apiVersion: string
  url: URL
  /** What follows the dataset name (the ids of /data/doc), undefined when nothing does. */
  rest: string | undefined
  /** Whether the request carries the lake's token (access.ts); only `public` endpoints see one without. */
  authorized: boolean
  req: IncomingMessage
  res: ServerResponse
}

/**
 * One `/data/` endpoint: the methods it answers and whether its path goes on past the dataset
 * (`ids`: a non-empty rest, `none`: nothing after the dataset). Anything else is a 404.
 */
export type DataEndpoint = {
  methods: readonly string[]
  path: 'none' | 'ids'
  /** `public`: answers without the token too, with published documents only; `token`: a 401 without it. */
  access: 'public' | 'token'
  handle(request: DataRequest): void | Promise<void>
}
