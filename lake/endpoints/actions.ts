import type { DataEndpoint, DataRequest } from '../context'
import { badRequest } from '../errors'
import { readJsonBody, sendJson } from '../http'
import { checkDocumentId, InvalidInput } from '../mutation-input'
import type { LakeDocument } from '../ndjson'
import { applyPatch, checkedDocument, checkPatch, failureError, MutationFailure, newId, WorkingCopy } from '../transaction'

/**
 * POST /data/actions/:dataset - Sanity's document actions, the API the Studio commits with: `{actions:
 * [...], transactionId?, dryRun?}`, all actions one transaction (transaction.ts, the same working
 * copy, checks and write-back as mutate). Answers `{transactionId}`. Action types:
 *
 * - `sanity.action.document.create` (publishedId, attributes with the draft or version `_id`, ifExists fail | ignore)
 * - `sanity.action.document.edit` (draftId, publishedId, patch): patches the draft, first made from
 *   the published document when there is no draft
 * - `sanity.action.document.publish` (draftId, publishedId, ifDraftRevisionId, ifPublishedRevisionId):
 *   the draft becomes the published document and the draft is deleted; a revision that does not match is a 409
 * - `sanity.action.document.unpublish` (draftId, publishedId): the published document becomes the
 *   draft (an existing draft is kept) and is deleted
 * - `sanity.action.document.discard` (draftId): deletes the draft
 * - `sanity.action.document.replaceDraft` (publishedId, attributes): the draft is replaced (or created)
 * - `sanity.action.document.delete` (publishedId, includeDrafts): deletes the published document,
 *   the listed drafts and versions, and its draft
 * - `sanity.action.document.version.create` (publishedId, document, or baseId + versionId),
 *   `.version.discard` (versionId), `.version.replace` (document)
 */
export const actionsEndpoint: DataEndpoint = { methods: ['POST'], path: 'none', access: 'token', handle: actions }

/** What the Studio puts in an otherwise empty edit so the action is not empty (it names no real field). */
const EMPTY_ACTION_GUARD = '_empty_action_guard_pseudo_field_'

const DRAFTS = 'drafts.'
const VERSIONS = /^versions\.[A-Za-z0-9_-]+\./

/** The published id a draft (`drafts.x`) or version (`versions.r.x`) id belongs to; undefined for a published id. */
function publishedOf(id: string): string | undefined {
  if (id.startsWith(DRAFTS)) return id.slice(DRAFTS.length)
  const version = VERSIONS.exec(id)
  return version ? id.slice(version[0].length) : undefined
}

async function actions({ context, store, req, res }: DataRequest): Promise<void> {
  const body = (await readJsonBody(req, context.maxBodyBytes)) as { actions?: unknown; transactionId?: unknown; dryRun?: unknown }
  if (typeof body !== 'object' || body === null || !Array.isArray(body.actions) || body.actions.length === 0) {
    throw badRequest('Request body must be {"actions": [...]} with at least one action')
  }
  if (body.transactionId !== undefined && (typeof body.transactionId !== 'string' || body.transactionId === '')) {
    throw badRequest('"transactionId" must be a non-empty string')
  }
  const work = new WorkingCopy(store, (body.transactionId as string | undefined) || newId())

  try {
    for (const [index, action] of (body.actions as unknown[]).entries()) apply(work, index, action)
  } catch (err) {
    if (!(err instanceof MutationFailure)) throw err
    throw failureError(err, 'actionError', 'action(s)')
  }
  work.commit(body.dryRun === true)
  sendJson(res, 200, { transactionId: work.transactionId })
}

function apply(work: WorkingCopy, index: number, action: unknown): void {
  const conflict = (id: string | undefined, description: string) => new MutationFailure(index, id, description)
  const invalid = (id: string | undefined, description: string) => new MutationFailure(index, id, description, 400)
  if (typeof action !== 'object' || action === null || Array.isArray(action)) throw invalid(undefined, 'An action must be an object')
  const a = action as Record<string, unknown>
  /** A document id field of the action, checked. */
  const id = (name: string, optional = false): string | undefined => {
    const value = a[name]
    if (value === undefined && optional) return undefined
    try {
      return checkDocumentId(value)
    } catch (err) {
      if (err instanceof InvalidInput) throw invalid(undefined, `${name}: ${err.message}`)
      throw err
    }
  }
  const published = () => {
    const value = id('publishedId')!
    if (publishedOf(value) !== undefined) throw invalid(value, `publishedId "${value}" is a draft or version id`)
    return value
  }
  /** A draft or version id of `publishedId` (when given). */
  const draftOf = (value: string, publishedId: string | undefined) => {
    const base = publishedOf(value)
    if (base === undefined) throw invalid(value, `"${value}" is not a draft or version id`)
    if (publishedId !== undefined && base !== publishedId) throw invalid(value, `"${value}" is not a draft or version of "${publishedId}"`)
    return value
  }
  /** Publish, unpublish and discard take the draft itself (Sanity's rule): exactly `drafts.<publishedId>`, not a version. */
  const exactDraftOf = (value: string, publishedId: string | undefined) => {
    const base = publishedOf(value)
    if (base === undefined || value !== `${DRAFTS}${base}`)
      throw invalid(value, `draftId "${value}" must be "drafts." followed by the published id`)
    if (publishedId !== undefined && base !== publishedId) throw invalid(value, `draftId "${value}" must be "${DRAFTS}${publishedId}"`)
    return value
  }
  const mustExist = (docId: string, what: string) => {
    const doc = work.get(docId)
    if (!doc) throw conflict(docId, `Cannot ${what} "${docId}": the document does not exist`)
    return doc
  }
  const revision = (docId: string, doc: LakeDocument | undefined, expected: unknown) => {
    if (expected === undefined || expected === null) return
    if (doc?._rev !== expected) {
      throw conflict(docId, `Document "${docId}" has unexpected revision ID ("${String(doc?._rev ?? '')}"), expected "${String(expected)}"`)
    }
  }

  switch (a.actionType) {
    case 'sanity.action.document.create': {
      const publishedId = published()
      const attributes = { _id: `${DRAFTS}${publishedId}`, ...((a.attributes ?? {}) as Record<string, unknown>) }
      const doc = checkedDocument(attributes, 'create', true, invalid)
      draftOf(doc._id, publishedId)
      if (a.ifExists !== undefined && a.ifExists !== 'fail' && a.ifExists !== 'ignore')
        throw invalid(doc._id, 'ifExists must be "fail" or "ignore"')
      if (work.get(doc._id)) {
        if (a.ifExists === 'ignore') return
        throw conflict(doc._id, `Document by ID "${doc._id}" already exists`)
      }
      work.put(doc, true)
      return
    }
    case 'sanity.action.document.edit': {
      const publishedId = published()
      const draftId = draftOf(id('draftId')!, publishedId)
      const raw = a.patch
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(draftId, 'edit needs a patch')
      const patch = { ...(raw as Record<string, unknown>) }
      if (Array.isArray(patch.unset)) {
        patch.unset = patch.unset.filter((path) => path !== EMPTY_ACTION_GUARD)
        if ((patch.unset as unknown[]).length === 0) delete patch.unset
      }
      delete patch.id
      let ops: Record<string, unknown>
      try {
        ops = checkPatch(patch)
      } catch (err) {
        if (err instanceof InvalidInput) throw invalid(draftId, err.message)
        throw err
      }
      delete ops.ifRevisionID
      const draft = work.get(draftId)
      const base = draft ?? work.get(publishedId)
      if (!base) throw conflict(draftId, `Cannot edit "${draftId}": neither it nor "${publishedId}" exists`)
      revision(base._id, base, patch.ifRevisionID)
      const start = draft ?? { ...base, _id: draftId }
      work.put(
        applyPatch(start, ops, (m) => invalid(draftId, m)),
        false,
      )
      return
    }
    case 'sanity.action.document.publish': {
      const publishedId = published()
      const draftId = exactDraftOf(id('draftId')!, publishedId)
      const draft = mustExist(draftId, 'publish')
      const current = work.get(publishedId)
      revision(draftId, draft, a.ifDraftRevisionId)
      revision(publishedId, current, a.ifPublishedRevisionId)
      work.put({ ...draft, _id: publishedId, _createdAt: current?._createdAt ?? draft._createdAt }, !current && !draft._createdAt)
      work.delete(draftId)
      return
    }
    case 'sanity.action.document.unpublish': {
      const publishedId = published()
      const draftId = exactDraftOf(id('draftId')!, publishedId)
      const current = mustExist(publishedId, 'unpublish')
      if (!work.get(draftId)) work.put({ ...current, _id: draftId }, false)
      work.delete(publishedId)
      return
    }
    case 'sanity.action.document.discard': {
      const draftId = exactDraftOf(id('draftId')!, undefined)
      mustExist(draftId, 'discard')
      work.delete(draftId)
      return
    }
    case 'sanity.action.document.replaceDraft': {
      const publishedId = published()
      const attributes = { _id: `${DRAFTS}${publishedId}`, ...((a.attributes ?? {}) as Record<string, unknown>) }
      const doc = checkedDocument(attributes, 'replaceDraft', true, invalid)
      draftOf(doc._id, publishedId)
      const existing = work.get(doc._id)
      work.put({ ...doc, _createdAt: existing?._createdAt }, !existing)
      return
    }
    case 'sanity.action.document.delete': {
      const publishedId = published()
      mustExist(publishedId, 'delete')
      const listed = a.includeDrafts ?? []
      if (!Array.isArray(listed)) throw invalid(publishedId, 'includeDrafts must be a list of draft or version ids')
      const drafts = listed.map((draftId: unknown) => {
        if (typeof draftId !== 'string') throw invalid(publishedId, 'includeDrafts must be a list of draft or version ids')
        return draftOf(draftId, publishedId)
      })
      for (const docId of [publishedId, `${DRAFTS}${publishedId}`, ...drafts]) work.delete(docId)
      return
    }
    case 'sanity.action.document.version.discard': {
      const versionId = draftOf(id('versionId')!, undefined)
      mustExist(versionId, 'discard')
      work.delete(versionId)
      return
    }
    case 'sanity.action.document.version.create': {
      const publishedId = published()
      let doc: LakeDocument
      if (a.document !== undefined) {
        doc = checkedDocument(a.document, 'version.create', true, invalid)
      } else {
        const baseId = id('baseId')!
        const baseDoc = mustExist(baseId, 'create a version from')
        revision(baseId, baseDoc, a.ifBaseRevisionId)
        doc = { ...baseDoc, _id: id('versionId')! }
      }
      draftOf(doc._id, publishedId)
      if (work.get(doc._id)) throw conflict(doc._id, `Document by ID "${doc._id}" already exists`)
      work.put(doc, true)
      return
    }
    case 'sanity.action.document.version.replace': {
      const doc = checkedDocument(a.document, 'version.replace', true, invalid)
      draftOf(doc._id, undefined)
      const existing = mustExist(doc._id, 'replace')
      work.put({ ...doc, _createdAt: existing._createdAt }, false)
      return
    }
    default:
      throw invalid(undefined, `Unknown or unsupported action type ${JSON.stringify(a.actionType)}`)
  }
}
