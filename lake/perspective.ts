import type { LakeDocument } from './ndjson'

export type Perspective = 'raw' | 'published' | 'drafts'

/**
 * The documents a view holds: a perspective, or `anonymous`, what a request without the lake's
 * token sees whatever perspective it names (access.ts): published documents whose ids have no
 * dot, as on a public dataset of the Content Lake (drafts, versions and system documents such as
 * `sanity.previewUrlSecret` live under dotted ids).
 */
export type ViewName = Perspective | 'anonymous'

const DRAFTS = 'drafts.'
const VERSIONS = 'versions.'

/**
 * Sanity changed the query endpoint's default perspective from `raw` to `published` in API
 * version 2025-02-19 (https://www.sanity.io/docs/content-lake/perspectives/changelog).
 * `v1` and dated versions before that stay `raw`; `vX` (experimental) follows the newest.
 */
export function defaultPerspective(apiVersion: string): Perspective {
  if (apiVersion === 'X') return 'published'
  if (/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) return apiVersion >= '2025-02-19' ? 'published' : 'raw'
  return 'raw'
}

/** `previewDrafts` is the name `drafts` had before 2025-02-19; the API accepts both. */
export function parsePerspective(value: string): Perspective | null {
  if (value === 'raw' || value === 'published' || value === 'drafts') return value
  if (value === 'previewDrafts') return 'drafts'
  return null
}

export const isDraftId = (id: string) => id.startsWith(DRAFTS)
export const isVersionId = (id: string) => id.startsWith(VERSIONS)
export const publishedId = (id: string) => (isDraftId(id) ? id.slice(DRAFTS.length) : id)

/** Stored document -> the same under its published id with `_originalId`. */
const shown = new WeakMap<LakeDocument, LakeDocument>()

/**
 * A stored document as the published and drafts perspectives show it, made once per document:
 * stored documents never change (a write stores new objects), so every later version of the
 * dataset reuses it, and a write costs a copy of what it changed, not of every document.
 */
function asShown(doc: LakeDocument): LakeDocument {
  let out = shown.get(doc)
  if (!out) {
    out = { ...doc, _id: publishedId(doc._id), _originalId: doc._id }
    shown.set(doc, out)
  }
  return out
}

/**
 * The documents a perspective sees, in dataset order. Outside `raw`, every document reports the
 * id it is stored under as `_originalId` (as the Content Lake does) and carries its published id:
 * in `drafts` a `drafts.x` replaces `x` where `x` stood, and a draft with no published
 * version appears where the draft stands.
 */
export function applyPerspective(docs: readonly LakeDocument[], perspective: ViewName): LakeDocument[] {
  if (perspective === 'raw') return docs.slice()
  if (perspective === 'anonymous') return docs.filter((d) => !d._id.includes('.')).map(asShown)
  if (perspective === 'published') {
    return docs.filter((d) => !isDraftId(d._id) && !isVersionId(d._id)).map(asShown)
  }
  const draftOf = new Map<string, LakeDocument>()
  const published = new Set<string>()
  for (const doc of docs) {
    if (isDraftId(doc._id)) draftOf.set(publishedId(doc._id), doc)
    else if (!isVersionId(doc._id)) published.add(doc._id)
  }
  const out: LakeDocument[] = []
  for (const doc of docs) {
    if (isVersionId(doc._id)) continue
    const id = publishedId(doc._id)
    if (isDraftId(doc._id)) {
      if (!published.has(id)) out.push(asShown(doc))
      continue
    }
    out.push(asShown(draftOf.get(id) ?? doc))
  }
  return out
}
