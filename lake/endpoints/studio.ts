import type { IncomingMessage, ServerResponse } from 'node:http'

import type { LakeContext } from '../context'
import { LOCAL_EDITOR } from '../editor'
import { badRequest, datasetNotFound, LakeError, notFound } from '../errors'
import { decodePathPart, readJsonBody, sendJson, writeEvent } from '../http'
import { uploadImage } from './assets'

/**
 * The rest of Sanity's API that the Studio calls, past `/v{version}`: who the user is and what
 * they may do, the project and its datasets, and the hosted services the Studio asks about on
 * every load. The lake has one user (LOCAL_EDITOR, an administrator with every permission), one
 * project (any id) and its datasets; everything here is a fixed or derived answer except the
 * image upload (assets.ts) and the key-value store (kept in memory while the lake runs). A 404
 * on some of these (the ACL) makes the Studio fail, so each answers in the shape it reads.
 */
type Route = {
  method: 'GET' | 'POST' | 'PUT'
  path: RegExp
  handle(call: StudioCall, match: RegExpExecArray): void | Promise<void>
}
type StudioCall = { context: LakeContext; req: IncomingMessage; res: ServerResponse; url: URL }

const PROJECT_ROLE = { name: 'administrator', title: 'Administrator' }
const PERMISSIONS = ['read', 'create', 'update', 'history']
const ok = (body: unknown) => (call: StudioCall) => sendJson(call.res, 200, body)
const decode = decodePathPart

/** What the Studio stores per user (its `/users/me/keyvalue`), per lake, in memory. */
const keyValues = new WeakMap<LakeContext, Map<string, unknown>>()
const keyValueOf = (context: LakeContext) => {
  let map = keyValues.get(context)
  if (!map) keyValues.set(context, (map = new Map()))
  return map
}
const MAX_KEY_VALUES = 1000
/** Per value, as JSON, and per key (the Studio's settings are small). */
const MAX_VALUE_BYTES = 16 * 1024
const MAX_KEY_BYTES = 1024

const currentUser = {
  ...LOCAL_EDITOR,
  profileImage: null,
  provider: 'local',
  role: PROJECT_ROLE.name,
  roles: [PROJECT_ROLE],
}
const publicUser = {
  id: LOCAL_EDITOR.id,
  displayName: LOCAL_EDITOR.name,
  email: LOCAL_EDITOR.email,
  imageUrl: null,
  sanityUserId: LOCAL_EDITOR.id,
}

function project(projectId: string, context: LakeContext) {
  const createdAt = '2020-01-01T00:00:00.000Z'
  return {
    id: projectId,
    displayName: 'Local lake',
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    activityFeedEnabled: false,
    organizationId: null,
    organization: null,
    metadata: { color: '#2276fc', externalStudioHost: null },
    maxRetentionDays: 0,
    dataProfile: 'default',
    pendingInvites: 0,
    createdAt,
    updatedAt: createdAt,
    members: [
      {
        id: LOCAL_EDITOR.id,
        createdAt,
        updatedAt: createdAt,
        isCurrentUser: true,
        isRobot: false,
        role: PROJECT_ROLE.name,
        roles: [PROJECT_ROLE],
      },
    ],
    features: [],
    datasetNames: [...context.datasets.keys()],
  }
}

const ROUTES: Route[] = [
  { method: 'GET', path: /^\/ping$/, handle: ({ res }) => sendText(res, 'PONG') },
  // The Studio's latency report asks which shard serves the dataset (X-Sanity-Shard) and reads nothing else.
  {
    method: 'GET',
    path: /^\/data\/ping\/([^/]+)$/,
    handle: ({ res }) => {
      res.setHeader('X-Sanity-Shard', 'local')
      sendJson(res, 200, { ok: true })
    },
  },
  { method: 'GET', path: /^\/users\/me$/, handle: ok(currentUser) },
  { method: 'GET', path: /^\/auth\/id$/, handle: ok({ id: LOCAL_EDITOR.id }) },
  {
    method: 'GET',
    path: /^\/users\/me\/keyvalue\/([^/]+)$/,
    handle: ({ context, res }, m) => {
      const map = keyValueOf(context)
      sendJson(
        res,
        200,
        m[1]!.split(',').map((key) => ({ key: decode(key), value: map.get(decode(key)) ?? null })),
      )
    },
  },
  {
    method: 'PUT',
    path: /^\/users\/me\/keyvalue$/,
    handle: async ({ context, req, res }) => {
      const body = await readJsonBody(req, context.maxBodyBytes)
      if (!Array.isArray(body) || !body.every((pair) => typeof pair?.key === 'string' && pair.key !== '' && 'value' in pair)) {
        throw badRequest('Request body must be a list of {key, value}')
      }
      const map = keyValueOf(context)
      const pairs = body as Array<{ key: string; value: unknown }>
      // All checked before any is kept: a refused PUT changes nothing.
      for (const { key, value } of pairs) {
        if (Buffer.byteLength(key) > MAX_KEY_BYTES)
          throw new LakeError(413, 'httpRequestEntityTooLarge', `A key is at most ${MAX_KEY_BYTES} bytes`)
        if (Buffer.byteLength(JSON.stringify(value) ?? 'null') > MAX_VALUE_BYTES) {
          throw new LakeError(
            413,
            'httpRequestEntityTooLarge',
            `The value of "${key.slice(0, 100)}" is over ${MAX_VALUE_BYTES} bytes of JSON`,
          )
        }
      }
      const added = new Set(pairs.map(({ key }) => key).filter((key) => !map.has(key)))
      if (map.size + added.size > MAX_KEY_VALUES)
        throw new LakeError(413, 'httpRequestEntityTooLarge', `At most ${MAX_KEY_VALUES} keys are kept`)
      for (const { key, value } of pairs) map.set(key, value)
      sendJson(res, 200, body)
    },
  },
  {
    method: 'GET',
    path: /^\/users\/([^/]+)$/,
    handle: ({ res }, m) =>
      sendJson(
        res,
        200,
        m[1]!
          .split(',')
          .map(decode)
          .filter((id) => id === LOCAL_EDITOR.id)
          .map(() => publicUser),
      ),
  },
  { method: 'GET', path: /^\/projects\/([^/]+)$/, handle: ({ context, res }, m) => sendJson(res, 200, project(decode(m[1]!), context)) },
  {
    method: 'GET',
    path: /^\/projects\/([^/]+)\/datasets$/,
    handle: ({ context, res }) =>
      sendJson(
        res,
        200,
        [...context.datasets.keys()].map((name) => ({ name, aclMode: 'public', tags: [] })),
      ),
  },
  {
    method: 'GET',
    path: /^\/projects\/([^/]+)\/datasets\/([^/]+)\/acl$/,
    handle: ({ context, res }, m) => {
      if (!context.datasets.has(decode(m[2]!))) throw datasetNotFound(decode(m[2]!), decode(m[1]!))
      sendJson(res, 200, [{ filter: '_id in path("**")', permissions: PERMISSIONS }])
    },
  },
  { method: 'GET', path: /^\/projects\/([^/]+)\/grants$/, handle: ok({}) },
  {
    method: 'GET',
    path: /^\/projects\/([^/]+)\/roles$/,
    handle: ({ res }, m) =>
      sendJson(res, 200, [
        {
          ...PROJECT_ROLE,
          description: 'The local editor',
          isCustom: false,
          projectId: decode(m[1]!),
          appliesToUsers: true,
          appliesToRobots: true,
        },
      ]),
  },
  { method: 'GET', path: /^\/projects\/([^/]+)\/user-applications$/, handle: ok([]) },
  { method: 'GET', path: /^\/features$/, handle: ok([]) },
  // The client's CORS probe (after a live stream fails): the Studio is on the site's own origin.
  { method: 'GET', path: /^\/check\/cors$/, handle: ok({ result: { allowed: true, withCredentials: true } }) },
  { method: 'GET', path: /^\/data\/live\/events\/([^/]+)$/, handle: liveEvents },
  { method: 'GET', path: /^\/journey\/announcements$/, handle: ok([]) },
  { method: 'GET', path: /^\/journey\/.+$/, handle: ok({}) },
  { method: 'GET', path: /^\/help$/, handle: ok({ resources: [] }) },
  { method: 'GET', path: /^\/intake\/telemetry-status$/, handle: ok({ status: 'denied' }) },
  { method: 'POST', path: /^\/descriptors\/claim$/, handle: descriptors({ synchronization: { type: 'complete' } }) },
  { method: 'POST', path: /^\/descriptors\/synchronize$/, handle: descriptors({ type: 'complete' }) },
  {
    method: 'POST',
    path: /^\/assets\/images\/([^/]+)$/,
    handle: ({ context, req, res }, m) => {
      const store = context.datasets.get(decode(m[1]!))
      if (!store) throw datasetNotFound(decode(m[1]!))
      return uploadImage(context, req, res, store)
    },
  },
]

/** How often an open live stream gets a comment line, so proxies keep it. */
const LIVE_HEARTBEAT_MS = 30_000

/**
 * `GET /data/live/events/{dataset}`, the Live Content API the Presentation tool subscribes to: a
 * `welcome` event, then heartbeats. Its `message` events name the sync tags of query results that
 * changed; the lake's query answers carry no sync tags, so there is nothing to name, and a
 * subscriber learns of edits from the listener (`/data/listen`) as the Studio does.
 */
function liveEvents({ context, res }: StudioCall, match: RegExpExecArray): void {
  if (!context.datasets.has(decode(match[1]!))) throw datasetNotFound(decode(match[1]!))
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
  res.write(`event: welcome\ndata: {}\n\n`)
  context.streams.add(res)
  const heartbeat = setInterval(() => writeEvent(res, ': ping\n\n', context.log, 'live events'), LIVE_HEARTBEAT_MS)
  res.on('close', () => {
    clearInterval(heartbeat)
    context.streams.delete(res)
  })
}

/** The Studio's schema upload: read (a JSON body, as every POST) and acknowledged as in step; the lake keeps no schema. */
function descriptors(answer: unknown) {
  return async ({ context, req, res }: StudioCall) => {
    await readJsonBody(req, context.maxBodyBytes)
    sendJson(res, 200, answer)
  }
}

function sendText(res: ServerResponse, text: string): void {
  res.statusCode = 200
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(text)
}

const VERSIONED = /^\/v([^/]+)(\/.*)$/

/**
 * Answers `/v{version}/...` paths of ROUTES (the router has checked origin and host). Any other
 * path, or a known path with a method it does not answer, is a 404.
 */
export async function handleStudioApi(
  context: LakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  isApiVersion: (version: string) => boolean,
): Promise<void> {
  const versioned = VERSIONED.exec(url.pathname)
  if (!versioned) throw notFound(`No route for ${req.method} ${url.pathname}`)
  if (!isApiVersion(versioned[1]!)) throw badRequest(`Invalid API version "${versioned[1]}": use a date like 2025-02-19, 1 or X`)
  const rest = versioned[2]!
  const matching = ROUTES.map((route) => ({ route, match: route.path.exec(rest) })).filter(({ match }) => match)
  const method = req.method === 'HEAD' ? 'GET' : req.method
  const found = matching.find(({ route }) => route.method === method)
  if (found) return found.route.handle({ context, req, res, url }, found.match!)
  throw notFound(`No route for ${req.method} ${url.pathname}`)
}
