import {randomBytes} from 'node:crypto'

import {evaluate, parse} from 'groq-js'

import type {DataEndpoint, DataRequest} from '../context'
import {badRequest, LakeError} from '../errors'
import {readJsonBody, sendJson} from '../http'
import type {LakeDocument} from '../ndjson'

type Operation = 'create' | 'update' | 'delete' | 'none'
type Result = {id: string; operation: Operation; document?: LakeDocument}

/** One failed mutation, reported the way the Content Lake reports `mutationError`s. */
class MutationFailure extends Error {
  constructor(
    readonly index: number,
    readonly id: string | undefined,
    description: string,
  ) {
    super(description)
  }
}

const newId = () => randomBytes(11).toString('base64url')

/**
 * POST /data/mutate/:dataset - create, createOrReplace, createIfNotExists, delete (by id or
 * query) and patch (set, setIfMissing, unset, inc, dec) as one transaction: all apply or none.
 * The new version is written back to the dataset's NDJSON file.
 */
export const mutateEndpoint: DataEndpoint = {methods: ['POST'], path: 'none', handle: mutate}

async function mutate({context, store, url, req, res}: DataRequest): Promise<void> {
  const body = await readJsonBody(req, context.maxBodyBytes) as {mutations?: unknown}
  if (!body || !Array.isArray(body.mutations)) throw badRequest('Request body must be {"mutations": [...]}')
  const mutations = body.mutations as Array<Record<string, unknown>>
  const transactionId = url.searchParams.get('transactionId') || newId()
  const now = new Date().toISOString()

  const docs = new Map(store.documents.map((d) => [d._id, d]))
  const changed = new Map<string, LakeDocument | null>()
  const results: Result[] = []
  const put = (doc: LakeDocument, created: boolean) => {
    const stamped = {...doc, _updatedAt: now, _rev: transactionId, _createdAt: created ? now : (doc._createdAt ?? now)}
    docs.set(stamped._id, stamped)
    changed.set(stamped._id, stamped)
    return stamped
  }

  try {
    for (const [index, mutation] of mutations.entries()) {
      const [kind, arg] = Object.entries(mutation ?? {})[0] ?? []
      const fail = (id: string | undefined, description: string) => new MutationFailure(index, id, description)
      const asDoc = (value: unknown, needsId: boolean) => {
        if (typeof value !== 'object' || value === null) throw fail(undefined, `${kind} needs a document`)
        const doc = {...(value as Record<string, unknown>)}
        if (typeof doc._type !== 'string') throw fail(doc._id as string, 'Document is missing _type')
        if (typeof doc._id !== 'string' || doc._id === '' || doc._id.endsWith('.')) {
          if (needsId) throw fail(undefined, `${kind} needs a document _id`)
          doc._id = `${typeof doc._id === 'string' ? doc._id : ''}${newId()}`
        }
        return doc as LakeDocument
      }
      switch (kind) {
        case 'create': {
          const doc = asDoc(arg, false)
          if (docs.has(doc._id)) throw fail(doc._id, `Document by ID "${doc._id}" already exists`)
          results.push({id: doc._id, operation: 'create', document: put(doc, true)})
          break
        }
        case 'createOrReplace': {
          const doc = asDoc(arg, true)
          const existed = docs.get(doc._id)
          const saved = put({...doc, _createdAt: existed?._createdAt ?? now}, !existed)
          results.push({id: doc._id, operation: existed ? 'update' : 'create', document: saved})
          break
        }
        case 'createIfNotExists': {
          const doc = asDoc(arg, true)
          if (docs.has(doc._id)) results.push({id: doc._id, operation: 'none', document: docs.get(doc._id)})
          else results.push({id: doc._id, operation: 'create', document: put(doc, true)})
          break
        }
        case 'delete': {
          const spec = (arg ?? {}) as {id?: unknown; query?: unknown; params?: Record<string, unknown>}
          const ids = typeof spec.id === 'string' ? [spec.id] : await idsOf(spec.query, spec.params, [...docs.values()])
          for (const id of ids) {
            if (docs.delete(id)) {
              changed.set(id, null)
              results.push({id, operation: 'delete'})
            }
          }
          break
        }
        case 'patch': {
          const patch = (arg ?? {}) as Record<string, unknown>
          const ids = typeof patch.id === 'string' ? [patch.id] : await idsOf(patch.query, patch.params as Record<string, unknown>, [...docs.values()])
          for (const id of ids) {
            const current = docs.get(id)
            if (!current) throw fail(id, `Cannot modify document "${id}": it does not exist`)
            if (typeof patch.ifRevisionID === 'string' && patch.ifRevisionID !== current._rev) {
              throw fail(id, `Document "${id}" has unexpected revision ID ("${String(current._rev)}"), expected "${patch.ifRevisionID}"`)
            }
            results.push({id, operation: 'update', document: put(applyPatch(current, patch, (m) => fail(id, m)), false)})
          }
          break
        }
        default:
          throw fail(undefined, `Unknown mutation "${String(kind)}"`)
      }
    }
  } catch (err) {
    if (!(err instanceof MutationFailure)) throw err
    throw new LakeError(409, 'mutationError', `The mutation(s) failed: ${err.message}`, {
      items: [{error: {description: err.message, id: err.id, type: 'documentError'}, index: err.index}],
    })
  }

  if (url.searchParams.get('dryRun') !== 'true' && changed.size > 0) {
    const order = store.documents.map((d) => d._id).filter((id) => docs.has(id))
    const known = new Set(order)
    for (const id of docs.keys()) if (!known.has(id)) order.push(id)
    store.commit(order.map((id) => docs.get(id)!), changed, transactionId)
  }
  const returnDocuments = url.searchParams.get('returnDocuments') === 'true'
  sendJson(res, 200, {
    transactionId,
    results: results.map(({id, operation, document}) => (returnDocuments && document ? {id, operation, document} : {id, operation})),
  })
}

async function idsOf(query: unknown, params: Record<string, unknown> | undefined, docs: LakeDocument[]): Promise<string[]> {
  if (typeof query !== 'string') throw badRequest('delete and patch need an "id" or a "query"')
  const value = await (await evaluate(parse(query, {params}), {dataset: docs, params})).get()
  const list = Array.isArray(value) ? value : [value]
  return list.map((d) => (d as {_id?: unknown})?._id).filter((id): id is string => typeof id === 'string')
}

/** Paths are dotted attribute names with optional [index]: `seo.title`, `authors[0]`. */
function applyPatch(doc: LakeDocument, patch: Record<string, unknown>, fail: (m: string) => Error): LakeDocument {
  const next = structuredClone(doc) as Record<string, unknown>
  const entries = (key: string) => Object.entries((patch[key] ?? {}) as Record<string, unknown>)
  for (const [path, value] of entries('setIfMissing')) if (getPath(next, path, fail) === undefined) setPath(next, path, value, fail)
  for (const [path, value] of entries('set')) setPath(next, path, value, fail)
  for (const path of (patch.unset ?? []) as string[]) unsetPath(next, path, fail)
  for (const [path, value] of entries('inc')) setPath(next, path, Number(getPath(next, path, fail) ?? 0) + Number(value), fail)
  for (const [path, value] of entries('dec')) setPath(next, path, Number(getPath(next, path, fail) ?? 0) - Number(value), fail)
  for (const key of ['_id', '_type'] as const) if (next[key] !== doc[key]) throw fail(`Cannot change ${key} with a patch`)
  return next as LakeDocument
}

function segments(path: string, fail: (m: string) => Error): Array<string | number> {
  const out: Array<string | number> = []
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part)
    if (!m) throw fail(`Unsupported patch path "${path}"`)
    out.push(m[1]!)
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]))
  }
  return out
}

function getPath(obj: Record<string, unknown>, path: string, fail: (m: string) => Error): unknown {
  let v: unknown = obj
  for (const s of segments(path, fail)) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined
  return v
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown, fail: (m: string) => Error): void {
  const segs = segments(path, fail)
  let v: Record<string | number, unknown> = obj
  for (const [i, s] of segs.slice(0, -1).entries()) {
    if (typeof v[s] !== 'object' || v[s] === null) v[s] = typeof segs[i + 1] === 'number' ? [] : {}
    v = v[s] as Record<string | number, unknown>
  }
  v[segs[segs.length - 1]!] = value
}

function unsetPath(obj: Record<string, unknown>, path: string, fail: (m: string) => Error): void {
  const segs = segments(path, fail)
  let v: unknown = obj
  for (const s of segs.slice(0, -1)) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined
  if (!v || typeof v !== 'object') return
  const last = segs[segs.length - 1]!
  if (Array.isArray(v) && typeof last === 'number') v.splice(last, 1)
  else delete (v as Record<string | number, unknown>)[last]
}
