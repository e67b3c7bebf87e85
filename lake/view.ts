import type { LakeDocument } from './ndjson'
import { applyPerspective, type Perspective } from './perspective'

/**
 * The documents one perspective of one dataset version sees, with the indexes the query
 * planner uses. A view never changes: a reload or mutation builds new views, so the
 * indexes and the memo of query fragments can never go stale.
 */
export class DatasetView {
  readonly docs: readonly LakeDocument[]
  readonly byId = new Map<string, LakeDocument>()
  readonly byType = new Map<string, LakeDocument[]>()
  private readonly position = new Map<LakeDocument, number>()
  private readonly byPath = new Map<string, Map<string, LakeDocument[]>>()
  private referrers: Map<string, LakeDocument[]> | null = null
  readonly memo = new Memo(256)

  constructor(
    raw: readonly LakeDocument[],
    readonly perspective: Perspective,
  ) {
    this.docs = applyPerspective(raw, perspective)
    this.docs.forEach((doc, i) => {
      // First wins, as in groq-js's scan for `->` (the loader rejects duplicate ids anyway).
      if (!this.byId.has(doc._id)) this.byId.set(doc._id, doc)
      this.position.set(doc, i)
      const list = this.byType.get(doc._type)
      if (list) list.push(doc)
      else this.byType.set(doc._type, [doc])
    })
  }

  /**
   * Documents whose attribute path (e.g. ['slug', 'current']) holds exactly `value`, following
   * attributes the way GROQ's attribute access does (own properties of objects only).
   */
  withValue(path: readonly string[], value: string): readonly LakeDocument[] {
    const key = path.join('\u0000')
    let index = this.byPath.get(key)
    if (!index) {
      index = new Map()
      for (const doc of this.docs) {
        const v = readPath(doc, path)
        if (typeof v !== 'string') continue
        const list = index.get(v)
        if (list) list.push(doc)
        else index.set(v, [doc])
      }
      this.byPath.set(key, index)
    }
    return index.get(value) ?? []
  }

  /**
   * Documents that `references(id)` is true for: the same walk as groq-js `hasReference`, which
   * stops at the first object with a truthy `_ref` and does not look inside it.
   */
  referencing(ids: readonly string[]): readonly LakeDocument[] {
    if (!this.referrers) {
      const referrers = new Map<string, LakeDocument[]>()
      for (const doc of this.docs) {
        const refs = new Set<string>()
        collectRefs(doc, refs)
        for (const ref of refs) {
          const list = referrers.get(ref)
          if (list) list.push(doc)
          else referrers.set(ref, [doc])
        }
      }
      this.referrers = referrers
    }
    if (ids.length === 1) return this.referrers.get(ids[0]!) ?? []
    const union = new Set<LakeDocument>()
    for (const id of ids) for (const doc of this.referrers.get(id) ?? []) union.add(doc)
    return [...union].sort((a, b) => this.position.get(a)! - this.position.get(b)!)
  }
}

export function readPath(doc: unknown, path: readonly string[]): unknown {
  let v: unknown = doc
  for (const name of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined
    if (!Object.prototype.hasOwnProperty.call(v, name)) return undefined
    v = (v as Record<string, unknown>)[name]
  }
  return v
}

function collectRefs(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, out)
  } else if (typeof value === 'object' && value !== null) {
    const ref = (value as { _ref?: unknown })._ref
    if (ref) {
      if (typeof ref === 'string') out.add(ref)
      return
    }
    for (const v of Object.values(value)) collectRefs(v, out)
  }
}

/** A small least-recently-used map for results of query fragments that depend only on the view. */
export class Memo {
  private readonly entries = new Map<string, unknown>()
  constructor(private readonly capacity: number) {}

  get(key: string): { hit: true; value: unknown } | { hit: false } {
    if (!this.entries.has(key)) return { hit: false }
    const value = this.entries.get(key)
    this.entries.delete(key)
    this.entries.set(key, value)
    return { hit: true, value }
  }

  set(key: string, value: unknown): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string)
    }
  }
}

/**
 * The views of one version of a dataset, made when first asked for. The ones the site's queries
 * use (published and raw, with the slug and reference indexes) are built at once, so the first
 * reader does not wait for them.
 */
export class DatasetViews {
  private readonly views = new Map<Perspective, DatasetView>()

  constructor(readonly docs: readonly LakeDocument[]) {
    for (const perspective of ['published', 'raw'] as const) {
      const view = this.get(perspective)
      view.withValue(['slug', 'current'], '')
      view.referencing([''])
    }
  }

  get(perspective: Perspective): DatasetView {
    let view = this.views.get(perspective)
    if (!view) {
      view = new DatasetView(this.docs, perspective)
      this.views.set(perspective, view)
    }
    return view
  }
}
