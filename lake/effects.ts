import type { LakeDocument } from './ndjson'

/** A document as the Studio keeps it between revisions: without `_rev`. */
export function withoutRev(doc: LakeDocument): Omit<LakeDocument, '_rev'> {
  const rest: Record<string, unknown> = { ...doc }
  delete rest._rev
  return rest as Omit<LakeDocument, '_rev'>
}

/** A mendoza patch (https://github.com/sanity-io/mendoza). */
export type MendozaPatch = [0, Omit<LakeDocument, '_rev'> | null]

/**
 * The mendoza patches from one state of a document to the other and back, without `_rev` (the
 * Studio applies them to the document without it), as listener events and history transactions
 * carry them. Each is the one-instruction patch "the value is X" (opcode 0), or X = null for
 * "deleted": valid mendoza, just not the smallest diff Sanity would send.
 */
export function effects(before: LakeDocument | null, after: LakeDocument | null): { apply: MendozaPatch; revert: MendozaPatch } {
  return { apply: [0, after ? withoutRev(after) : null], revert: [0, before ? withoutRev(before) : null] }
}
