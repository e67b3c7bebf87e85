import type { DataEndpoint, DataRequest, LakeContext } from '../context'
import { badRequest } from '../errors'
import { readJsonBody, sendJson } from '../http'
import { checkQueryLimits } from '../query-limits'
import { checkDocumentId, InvalidInput } from '../mutation-input'
import type { LakeDocument } from '../ndjson'
import { applyPatch, checkedDocument, checkPatch, failureError, MutationFailure, newId, WorkingCopy } from '../transaction'

type Operation = 'create' | 'update' | 'delete' | 'none'
type Result = { id: string; operation: Operation; document?: LakeDocument }

/**
 * POST /data/mutate/:dataset - create, createOrReplace, createIfNotExists, delete (by id or
 * query) and patch (set, setIfMissing, unset, inc, dec, insert, diffMatchPatch; patch.ts) as one transaction: all apply or none. Input is checked first
 * (mutation-input.ts). The new version is written back to the dataset's NDJSON file. Each
 * transaction's id becomes the `_rev` of what it wrote, so an id already used is refused: reusing
 * one would let a later write pass an `ifRevisionID` meant for an earlier one (transaction.ts).
 */
export const mutateEndpoint: DataEndpoint = { methods: ['POST'], path: 'none', access: 'token', handle: mutate }

async function mutate({ context, store, url, req, res }: DataRequest): Promise<void> {
  const body = (await readJsonBody(req, context.maxBodyBytes)) as { mutations?: unknown }
  if (!body || !Array.isArray(body.mutations)) throw badRequest('Request body must be {"mutations": [...]}')
  const mutations = body.mutations as Array<Record<string, unknown>>
  const work = new WorkingCopy(store, url.searchParams.get('transactionId') || newId())
  const { docs, now } = work
  const results: Result[] = []
  const put = (doc: LakeDocument, created: boolean) => work.put(doc, created)

  try {
    for (const [index, mutation] of mutations.entries()) {
      const [kind, arg] = Object.entries(mutation ?? {})[0] ?? []
      const fail = (id: string | undefined, description: string) => new MutationFailure(index, id, description)
      const invalid = (id: string | undefined, description: string) => new MutationFailure(index, id, description, 400)
      const asDoc = (value: unknown, needsId: boolean) => checkedDocument(value, String(kind), needsId, invalid)
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
            if (work.delete(id)) results.push({ id, operation: 'delete' })
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
    throw failureError(err, 'mutationError', 'mutation(s)')
  }

  work.commit(url.searchParams.get('dryRun') === 'true')
  const returnDocuments = url.searchParams.get('returnDocuments') === 'true'
  sendJson(res, 200, {
    transactionId: work.transactionId,
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
