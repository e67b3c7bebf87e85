import type { LakeDocument } from './ndjson'
import { applyPerspective, type ViewName } from './perspective'
import { TextIndex } from './text-index'

/**
 * The documents one perspective of one dataset version sees, with the indexes the query
 * planner uses. A view never changes: a reload or mutation builds new views, so the
 * indexes and the memo of query fragments can never go stale.
 */
export class DatasetView {
  private shown: readonly LakeDocument[] | null = null
  private ids: Map<string, LakeDocument> | null = null
  private types: Map<string, LakeDocument[]> | null = null
  private positions: Map<LakeDocument, number> | null = null
  private readonly byPath = new Map<string, Map<string, LakeDocument[]>>()
  private referrers: Map<string, LakeDocument[]> | null = null
  readonly memo = new Memo(256)
  /** The ids of the documents a filter's fixed terms pass (plan/rewrite.ts Fixed), by the terms: few, each as large as a type. */
  readonly fixed = new Memo(32)

  /**
   * Everything is made when first asked for: the lake's own copy of the dataset (the one writes
   * go to) needs only `byId`, so a write does not pay for the indexes that queries use; the query
   * workers build those on their replicas (DatasetViews' `eager`).
   */
  constructor(
    private readonly raw: readonly LakeDocument[],
    readonly perspective: ViewName,
    /** The id map, when the caller has it already (derived from the previous version's). */
    ids?: Map<string, LakeDocument>,
    /**
     * The dataset's text index (DatasetViews shares one by all views and versions); default: made
     * from `raw` when asked; null: none (a view made for one query, where building it would cost
     * more than the scan it saves).
     */
    private readonly textSource?: (() => TextIndex) | null,
  ) {
    this.ids = ids ?? null
  }

  private ownText: TextIndex | null = null

  /** The inverted index of the text `match` sees (text-index.ts): ids, a superset; null when this view has none. */
  get text(): TextIndex | null {
    if (this.textSource === null) return null
    return this.textSource ? this.textSource() : (this.ownText ??= new TextIndex(this.raw))
  }

  /** The documents of this view with one of these ids, in dataset order. */
  withIds(ids: ReadonlySet<string>): readonly LakeDocument[] {
    const docs = this.docs
    // A view holds each id once (the loader refuses duplicates); if not, the id map would hide some.
    if (ids.size * 8 > docs.length || this.byId.size !== docs.length) return docs.filter((doc) => ids.has(doc._id))
    const found: LakeDocument[] = []
    for (const id of ids) {
      const doc = this.byId.get(id)
      if (doc) found.push(doc)
    }
    return found.sort((a, b) => this.position.get(a)! - this.position.get(b)!)
  }

  /** The id map if it has been made (for deriving the next version's). */
  get builtIds(): ReadonlyMap<string, LakeDocument> | null {
    return this.ids
  }

  get docs(): readonly LakeDocument[] {
    return (this.shown ??= applyPerspective(this.raw, this.perspective))
  }

  get byId(): ReadonlyMap<string, LakeDocument> {
    if (!this.ids) {
      this.ids = new Map()
      // First wins, as in groq-js's scan for `->` (the loader rejects duplicate ids anyway).
      for (const doc of this.docs) if (!this.ids.has(doc._id)) this.ids.set(doc._id, doc)
    }
    return this.ids
  }

  get byType(): ReadonlyMap<string, readonly LakeDocument[]> {
    if (!this.types) {
      this.types = new Map()
      for (const doc of this.docs) {
        const list = this.types.get(doc._type)
        if (list) list.push(doc)
        else this.types.set(doc._type, [doc])
      }
    }
    return this.types
  }

  private get position(): Map<LakeDocument, number> {
    if (!this.positions) {
      this.positions = new Map()
      this.docs.forEach((doc, i) => this.positions!.set(doc, i))
    }
    return this.positions
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
        for (const ref of refsOf(doc)) {
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

/**
 * The documents after a transaction: each changed one in its place, deleted ones left out, new
 * ones at the end in the order the transaction first wrote them. The store and the query workers'
 * replicas both make the next version with it, so their orders agree.
 */
export function nextDocuments(docs: readonly LakeDocument[], changed: ReadonlyMap<string, LakeDocument | null>): LakeDocument[] {
  const out: LakeDocument[] = []
  const placed = new Set<string>()
  for (const doc of docs) {
    if (!changed.has(doc._id)) {
      out.push(doc)
      continue
    }
    placed.add(doc._id)
    const next = changed.get(doc._id)
    if (next) out.push(next)
  }
  for (const [id, doc] of changed) if (doc && !placed.has(id)) out.push(doc)
  return out
}

/** Each document's references, walked once: documents never change (a write stores new ones). */
const refsCache = new WeakMap<LakeDocument, readonly string[]>()

function refsOf(doc: LakeDocument): readonly string[] {
  let refs = refsCache.get(doc)
  if (!refs) {
    const found = new Set<string>()
    collectRefs(doc, found)
    refs = [...found]
    refsCache.set(doc, refs)
  }
  return refs
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
 * The views of one version of a dataset, made when first asked for. With `eager`, the ones the
 * site's queries use (anonymous, what a reader's request sees, and raw, with the slug and reference indexes) are built at once,
 * so the first reader does not wait for them.
 */
export class DatasetViews {
  private readonly views = new Map<ViewName, DatasetView>()
  private textIndex: TextIndex | null = null

  /**
   * `eager`: build the anonymous and raw views' indexes now (the query workers' replicas).
   * `after`: the version this one follows and what changed (a commit): the raw view's id map is
   * the previous one with the changes, not a new walk over every document.
   */
  constructor(
    readonly docs: readonly LakeDocument[],
    {
      eager = false,
      after,
    }: { eager?: boolean; after?: { previous: DatasetViews; changed: ReadonlyMap<string, LakeDocument | null> } } = {},
  ) {
    const previousIds = after?.previous.views.get('raw')?.builtIds
    if (previousIds) {
      const ids = new Map(previousIds)
      for (const [id, doc] of after!.changed) {
        if (doc) ids.set(id, doc)
        else ids.delete(id)
      }
      this.views.set('raw', new DatasetView(docs, 'raw', ids, this.text))
    }
    // The text index follows the writes (only the documents they store are tokenized), until worn.
    const previousText = after?.previous.textIndex
    if (previousText && !previousText.worn) {
      for (const doc of after!.changed.values()) if (doc) previousText.add(doc)
      this.textIndex = previousText
    }
    if (!eager) return
    for (const perspective of ['anonymous', 'raw'] as const) {
      const view = this.get(perspective)
      view.withValue(['slug', 'current'], '')
      view.referencing([''])
      void view.byType
    }
    this.text()
  }

  private readonly text = (): TextIndex => (this.textIndex ??= new TextIndex(this.docs))

  get(perspective: ViewName): DatasetView {
    let view = this.views.get(perspective)
    if (!view) {
      view = new DatasetView(this.docs, perspective, undefined, this.text)
      this.views.set(perspective, view)
    }
    return view
  }
}
