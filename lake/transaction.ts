/**
 * One transaction over a dataset, shared by the mutate and actions endpoints: a working copy of
 * the documents, the stamps every write gets (`_createdAt`, `_updatedAt`, and the transaction id
 * as `_rev`), the checks on what may be written (mutation-input.ts) and on patches, and the commit
 * that logs the transaction and makes the new version current (store.ts). Nothing is visible until `commit`.
 */
import { randomBytes } from 'node:crypto'

import { LakeError } from './errors'
import { checkDocumentBody, checkDocumentId, checkValue, InvalidInput, parsePatchPath } from './mutation-input'
import type { LakeDocument } from './ndjson'
import { applyPatch as applyChecked } from './patch'
import type { DatasetStore } from './store'
import { nextDocuments } from './view'

/** One failed mutation or action: 400 for invalid input, 409 for a conflict. */
export class MutationFailure extends Error {
  constructor(
    readonly index: number,
    readonly id: string | undefined,
    description: string,
    readonly status: 400 | 409 = 409,
  ) {
    super(description)
  }
}

/** A MutationFailure as the Content Lake answers it (`mutationError` for mutate, `actionError` for actions). */
export function failureError(err: MutationFailure, type: string, what: string): LakeError {
  return new LakeError(err.status, type, `The ${what} failed: ${err.message}`, {
    items: [{ error: { description: err.message, id: err.id, type: 'documentError' }, index: err.index }],
  })
}

export const newId = () => randomBytes(11).toString('base64url')

export class WorkingCopy {
  readonly changed = new Map<string, LakeDocument | null>()
  readonly now = new Date().toISOString()
  /** The dataset's documents by id when the transaction began; the transaction's own writes are in `changed`. */
  private readonly base: ReadonlyMap<string, LakeDocument>
  /** The documents as the transaction sees them (the dataset with its writes so far). */
  readonly docs = {
    has: (id: string): boolean => this.get(id) !== undefined,
    get: (id: string): LakeDocument | undefined => this.get(id),
    /** All of them, in dataset order (for patches and deletes by query). */
    values: (): IterableIterator<LakeDocument> => nextDocuments(this.store.documents, this.changed).values(),
  }

  /** A transaction id already used (as a revision or a transaction) is refused with a 409. */
  constructor(
    private readonly store: DatasetStore,
    readonly transactionId: string,
  ) {
    if (store.hasRevision(transactionId)) {
      throw new LakeError(
        409,
        'mutationError',
        `Transaction ID "${transactionId}" has already been used: every transaction needs a new one`,
      )
    }
    this.base = store.view('raw').byId
  }

  get(id: string): LakeDocument | undefined {
    return this.changed.has(id) ? (this.changed.get(id) ?? undefined) : this.base.get(id)
  }

  /** Writes `doc` with this transaction's stamps; `created` gives it a new `_createdAt`. */
  put(doc: LakeDocument, created: boolean): LakeDocument {
    const now = this.now
    const stamped = { ...doc, _updatedAt: now, _rev: this.transactionId, _createdAt: created ? now : (doc._createdAt ?? now) }
    this.changed.set(stamped._id, stamped)
    return stamped
  }

  delete(id: string): boolean {
    if (this.get(id) === undefined) return false
    this.changed.set(id, null)
    return true
  }

  /** Applies the transaction to the store (and its file) unless it is a dry run or changed nothing. */
  commit(dryRun = false): void {
    if (dryRun || this.changed.size === 0) return
    this.store.commit(nextDocuments(this.store.documents, this.changed), this.changed, this.transactionId, this.now)
  }
}

/**
 * A document body to write: a non-empty `_type`, an `_id` (or a generated one when `needsId` is
 * false; an id ending in `.` is a prefix), and only what mutation-input.ts allows.
 */
export function checkedDocument(value: unknown, kind: string, needsId: boolean, invalid: (id: string | undefined, m: string) => Error) {
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

/** The operations a patch may carry. */
const PATCH_OPERATIONS = ['set', 'setIfMissing', 'unset', 'inc', 'dec', 'insert', 'diffMatchPatch'] as const
const PATCH_KEYS = new Set<string>([...PATCH_OPERATIONS, 'id', 'query', 'params', 'ifRevisionID'])

/**
 * Checks every path and value of a patch (mutation-input.ts) before patch.ts applies it, so
 * nothing it is handed can name `__proto__` or a system attribute. Throws InvalidInput.
 */
export function checkPatch(patch: Record<string, unknown>): Record<string, unknown> {
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

/** Applies checked patch operations; `_id` and `_type` cannot change. */
export function applyPatch(doc: LakeDocument, ops: Record<string, unknown>, fail: (m: string) => Error): LakeDocument {
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
