/**
 * Applies one checked patch with Sanity's own patch engine, @sanity/mutator, the code the Studio
 * uses to apply the same patches locally. checkPatch (endpoints/mutate.ts) has parsed every path
 * first (mutation-input.ts), so no segment names `__proto__`, `constructor`, `prototype` or a
 * system attribute. The engine returns a new document and leaves the old one as it was.
 */
import { Mutation } from '@sanity/mutator'

import { InvalidInput } from './mutation-input'
import type { LakeDocument } from './ndjson'

export function applyPatch(doc: LakeDocument, patch: Record<string, unknown>): LakeDocument {
  try {
    const next = new Mutation({ mutations: [{ patch: { ...patch, id: doc._id } }] }).apply(doc)
    return next as LakeDocument
  } catch (err) {
    // The engine's own refusals, e.g. a diffMatchPatch that does not fit the text it is given.
    throw new InvalidInput(err instanceof Error ? err.message : String(err))
  }
}
