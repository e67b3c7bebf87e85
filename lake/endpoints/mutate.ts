import { randomBytes } from 'node:crypto'

import type { DataEndpoint, DataRequest, LakeContext } from '../context'
import { badRequest, LakeError } from '../errors'
import { readJsonBody, sendJson } from '../http'
import { checkQueryLimits } from '../query-limits'
import { checkDocumentBody, checkDocumentId, checkValue, InvalidInput, parsePatchPath } from '../mutation-input'
import { applyPatch as applyChecked } from '../patch'
import type { LakeDocument } from '../ndjson'

type Operation = 'create' | 'update' | 'delete' | 'none'
type Result = { id: string; operation: Operation; document?: LakeDocument }

/** One failed mutation, reported the way the Content Lake reports `mutationError`s: 400 for invalid input, 409 for a conflict. */
class MutationFailure extends Error {
  constructor(
    readonly index: number,
    readonly id: string | undefined,
    description: string,
    readonly status: 400 | 409 = 409,
  ) {
    super(description)
  }
}

const newId = () => randomBytes(11).toString('base64url')

/**
 * POST /data/mutate/:dataset - create, createOrReplace, createIfNotExists, delete (by id or
 * query) and patch (set, setIfMissing, unset, inc, dec, insert, diffMatchPatch; patch.ts) as one transaction: all apply or none. Input is checked first
 * (mutation-input.ts). The new version is written back to the dataset's NDJSON file. Each
 * transaction's id becomes the `_rev` of what it wrote, so an id already used is refused: reusing
 * one would let a later write pass an `ifRevisionID` meant for an earlier one.
 */
export const mutateEndpoint: DataEndpoint = { methods: ['POST'], path: 'none', handle: mutate }

async function mutate({ context, store, url, req, res }: DataRequest): Promise<void> {
  const body = (await readJsonBody(req, context.maxBodyBytes)) as { mutations?: unknown }
  if (!body || !Array.isArray(body.mutations)) throw badRequest('Request body must be {"mutations": [...]}')
  const mutations = body.mutations as Array<Record<string, unknown>>
  const transactionId = url.searchParams.get('transactionId') || newId()
  if (store.hasRevision(transactionId)) {
    throw new LakeError(409, 'mutationError', `Transaction ID "${transactionId}" has already been used: every transaction needs a new one`)
  }
  const now = new Date().toISOString()

  const docs = new Map(store.documents.map((d) => [d._id, d]))
  const changed = new Map<string, LakeDocument | null>()
  const results: Result[] = []
  const put = (doc: LakeDocument, created: boolean) => {
    const stamped = { ...doc, _updatedAt: now, _rev: transactionId, _createdAt: created ? now : (doc._createdAt ?? now) }
    docs.set(stamped._id, stamped)
    changed.set(stamped._id, stamped)
    return stamped
  }

  try {
    for (const [index, mutation] of mutations.entries()) {
      const [kind, arg] = Object.entries(mutation ?? {})[0] ?? []
      const fail = (id: string | undefined, description: string) => new MutationFailure(index, id, description)
      const invalid = (id: string | undefined, description: string) => new MutationFailure(index, id, description, 400)
      const asDoc = (value: unknown, needsId: boolean) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(undefined, `${kind} needs a document`)
        const doc = { ...(value as Record<string, unknown>) }
        if (typeof doc._type !== 'string' || doc._type === '') throw invalid(String(doc._id), 'Document is missing _type')
        if (typeof doc._id !== 'string' || doc._id === '' || doc._id.endsWith('.')) {
          if (needsId) throw invalid(undefined, `${kind} needs a document _id`)
          doc._id = `${typeof doc._id === 'string' ? doc._id : ''}${newId()}`
        }
        try {
          checkDocumentId(doc._id)
          checkDocumentBody(doc)
        } catch (err) {
          if (err instanceof InvalidInput) throw invalid(String(doc._id), err.message)
          throw err
        }
        return doc as LakeDocument
      }
      switch (kind) {
        case 'create': {
          const doc = asDoc(arg, false)
          if (docs.has(doc._id)) throw fail(doc._id, `Document by ID "${doc._id}" already exists`)
          results.push({ id: doc._id, operation: 'create', document: put(doc, true) })
          break
        }
        case 'createOrReplace': {
          const doc = asDoc(arg, true)
          const existed = docs.get(doc._id)
          const saved = put({ ...doc, _createdAt: existed?._createdAt ?? now }, !existed)
          results.push({ id: doc._id, operation: existed ? 'update' : 'create', document: saved })
          break
        }
        case 'createIfNotExists': {
          const doc = asDoc(arg, true)
          if (docs.has(doc._id)) results.push({ id: doc._id, operation: 'none', document: docs.get(doc._id) })
          else results.push({ id: doc._id, operation: 'create', document: put(doc, true) })
          break
        }
        case 'delete': {
          const spec = (arg ?? {}) as { id?: unknown; query?: unknown; params?: Record<string, unknown> }
          const ids =
            typeof spec.id === 'string' ? [spec.id] : await idsOf(context, store.name, spec.query, spec.params, [...docs.values()])
          for (const id of ids) {
            if (docs.delete(id)) {
              changed.set(id, null)
              results.push({ id, operation: 'delete' })
            }
          }
          break
        }
        case 'patch': {
          const patch = (arg ?? {}) as Record<string, unknown>
          let ops: Record<string, unknown>
          try {
            if (patch.id !== undefined) checkDocumentId(patch.id)
            ops = checkPatch(patch)
          } catch (err) {
            if (err instanceof InvalidInput) throw invalid(typeof patch.id === 'string' ? patch.id : undefined, err.message)
            throw err
          }
          const ids =
            typeof patch.id === 'string' ? [patch.id] : await idsOf(context, store.name, patch.query, patch.params, [...docs.values()])
          for (const id of ids) {
            const current = docs.get(id)
            if (!current) throw fail(id, `Cannot modify document "${id}": it does not exist`)
            if (typeof patch.ifRevisionID === 'string' && patch.ifRevisionID !== current._rev) {
              throw fail(id, `Document "${id}" has unexpected revision ID ("${String(current._rev)}"), expected "${patch.ifRevisionID}"`)
            }
            results.push({
              id,
              operation: 'update',
              document: put(
                applyPatch(current, ops, (m) => invalid(id, m)),
                false,
              ),
            })
          }
          break
        }
        default:
          throw invalid(undefined, `Unknown mutation "${String(kind)}"`)
      }
    }
  } catch (err) {
    if (!(err instanceof MutationFailure)) throw err
    throw new LakeError(err.status, 'mutationError', `The mutation(s) failed: ${err.message}`, {
      items: [{ error: { description: err.message, id: err.id, type: 'documentError' }, index: err.index }],
    })
  }

  if (url.searchParams.get('dryRun') !== 'true' && changed.size > 0) {
    const order = store.documents.map((d) => d._id).filter((id) => docs.has(id))
    const known = new Set(order)
    for (const id of docs.keys()) if (!known.has(id)) order.push(id)
    store.commit(
      order.map((id) => docs.get(id)!),
      changed,
      transactionId,
    )
  }
  const returnDocuments = url.searchParams.get('returnDocuments') === 'true'
  sendJson(res, 200, {
    transactionId,
    results: results.map(({ id, operation, document }) => (returnDocuments && document ? { id, operation, document } : { id, operation })),
  })
}

/** The ids a delete or patch by query selects, over the transaction's working copy, run in a query worker like any query. */
async function idsOf(context: LakeContext, dataset: string, query: unknown, params: unknown, docs: LakeDocument[]): Promise<string[]> {
  if (typeof query !== 'string') throw badRequest('delete and patch need an "id" or a "query"')
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params)))
    throw badRequest('"params" must be a JSON object')
  checkQueryLimits(query)
  const json = await context.queries.run(
    { dataset, perspective: 'raw', query, params: (params ?? {}) as Record<string, unknown>, maxResultBytes: context.maxResultBytes, docs },
    context.queryTimeoutMs,
  )
  const value: unknown = JSON.parse(json)
  const list = Array.isArray(value) ? value : [value]
  return list.map((d) => (d as { _id?: unknown })?._id).filter((id): id is string => typeof id === 'string')
}

/** The operations a patch may carry. */
const PATCH_OPERATIONS = ['set', 'setIfMissing', 'unset', 'inc', 'dec', 'insert', 'diffMatchPatch'] as const
const PATCH_KEYS = new Set<string>([...PATCH_OPERATIONS, 'id', 'query', 'params', 'ifRevisionID'])

/**
 * Checks every path and value of a patch (mutation-input.ts) before patch.ts applies it, so
 * nothing it is handed can name `__proto__` or a system attribute.
 */
function checkPatch(patch: Record<string, unknown>): Record<string, unknown> {
  const ops: Record<string, unknown> = {}
  for (const key of Object.keys(patch)) if (!PATCH_KEYS.has(key)) throw new InvalidInput(`Unknown patch operation "${key}"`)
  const object = (name: string) => {
    const value = patch[name]
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new InvalidInput(`patch.${name} must be an object of path: value`)
    return value as Record<string, unknown>
  }
  for (const name of ['set', 'setIfMissing'] as const) {
    if (patch[name] === undefined) continue
    for (const [path, value] of Object.entries(object(name))) {
      parsePatchPath(path)
      checkValue(value, `patch.${name}`)
    }
    ops[name] = patch[name]
  }
  for (const name of ['inc', 'dec'] as const) {
    if (patch[name] === undefined) continue
    for (const [path, value] of Object.entries(object(name))) {
      parsePatchPath(path)
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidInput(`patch.${name} values must be numbers`)
    }
    ops[name] = patch[name]
  }
  if (patch.diffMatchPatch !== undefined) {
    for (const [path, value] of Object.entries(object('diffMatchPatch'))) {
      parsePatchPath(path)
      if (typeof value !== 'string') throw new InvalidInput('patch.diffMatchPatch values must be patch texts')
    }
    ops.diffMatchPatch = patch.diffMatchPatch
  }
  if (patch.unset !== undefined) {
    if (!Array.isArray(patch.unset)) throw new InvalidInput('patch.unset must be a list of paths')
    patch.unset.forEach(parsePatchPath)
    ops.unset = patch.unset
  }
  if (patch.insert !== undefined) {
    const insert = object('insert')
    const places = ['before', 'after', 'replace'].filter((place) => insert[place] !== undefined)
    if (places.length !== 1 || !Array.isArray(insert.items) || Object.keys(insert).length !== 2) {
      throw new InvalidInput('patch.insert needs one of before, after or replace, and items')
    }
    parsePatchPath(insert[places[0]!])
    checkValue(insert.items, 'patch.insert.items')
    ops.insert = insert
  }
  return ops
}

function applyPatch(doc: LakeDocument, ops: Record<string, unknown>, fail: (m: string) => Error): LakeDocument {
  let next: LakeDocument
  try {
    next = applyChecked(doc, ops)
  } catch (err) {
    if (err instanceof InvalidInput) throw fail(err.message)
    throw err
  }
  for (const key of ['_id', '_type'] as const) if (next[key] !== doc[key]) throw fail(`Cannot change ${key} with a patch`)
  return next
}
