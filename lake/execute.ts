import { evaluate, GroqSyntaxError, parse, type ExprNode } from 'groq-js'

import { Budget, scan } from './budget'
import { LakeError, queryParseError, queryResultTooLarge } from './errors'
import type { LakeDocument } from './ndjson'
import { decodeTerms, readDynamicRef, readMark } from './plan/dynamic-ref'
import { attributePath, everyTermHolds, narrow, type IndexedTerm, type IndexTerm } from './plan/index-terms'
import { EVERYTHING_PARAM, type Fixed, Planner, type Plan, type Slot, type TopK } from './plan/rewrite'
import { nativeScore, nativeScoreArgs, type ScoreHint } from './score'
import { Memo, readPath, type DatasetView } from './view'

export type RunOptions = {
  params: Record<string, unknown>
  /** Evaluation stops with a 408 `queryTimeout` error after this long. */
  timeoutMs: number
  /** Results with more JSON values than this are refused rather than serialised. */
  maxResultValues?: number
  /** Results whose JSON would be longer than this (a lower-bound estimate) are refused. Default 32 MB. */
  maxResultBytes?: number
  signal?: AbortSignal
  projectId?: string
  dataset?: string
  /** Turn the planner off: plain groq-js over the view (used to prove results identical). */
  plain?: boolean
}

type Parsed = { tree: ExprNode; plan: Plan }
const parsedCache = new Memo(500)

export function parseQuery(query: string, params: Record<string, unknown>): Parsed {
  // Slices like [$start...$end] are folded at parse time, so the parse depends on params.
  const key = JSON.stringify([query, params])
  const hit = parsedCache.get(key)
  if (hit.hit) return hit.value as Parsed
  let tree: ExprNode
  try {
    tree = parse(query, { params })
  } catch (err) {
    if (err instanceof GroqSyntaxError) {
      const detail = err.message.replace(/^Syntax error in GROQ query at position \d+:?\s*/, '')
      const description = `Syntax error at position ${err.position} (line ${err.line}, column ${err.column})${detail ? `: ${detail}` : ''}`
      throw queryParseError(description, query, err.position, Math.min(err.position + 1, query.length))
    }
    throw queryParseError((err as Error).message, query, 0, query.length)
  }
  const parsed = { tree, plan: new Planner().plan(tree) }
  parsedCache.set(key, parsed)
  return parsed
}

/** Runs a GROQ query against one view and returns the plain JSON-able result. */
export async function runQuery(view: DatasetView, query: string, options: RunOptions): Promise<unknown> {
  const { tree, plan } = parseQuery(query, options.params)
  const budget = new Budget(options.timeoutMs, options.signal)
  const base = {
    dataset: view.docs,
    timestamp: new Date(),
    sanity: { projectId: options.projectId ?? 'local', dataset: options.dataset ?? 'production' },
  }
  let value
  if (options.plain || !plan.optimized) {
    const dereference = options.plain
      ? undefined
      : ({ _ref }: { _ref: string }) => {
          budget.check()
          return view.byId.get(_ref)
        }
    value = await (await evaluate(tree, { ...base, params: options.params, dereference })).get()
  } else {
    const exec = new Execution(view, budget, base, options.params)
    value = await exec.run(plan)
  }
  budget.check()
  assertResultSize(value, options.maxResultValues ?? 20_000_000, options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES, budget)
  return value
}

class Execution {
  private readonly params: Record<string, unknown>
  private readonly done = new Map<string, Promise<void>>()

  constructor(
    private readonly view: DatasetView,
    private readonly budget: Budget,
    private readonly base: { dataset: readonly LakeDocument[]; timestamp: Date; sanity: { projectId: string; dataset: string } },
    userParams: Record<string, unknown>,
  ) {
    this.params = { ...userParams, [EVERYTHING_PARAM]: null }
  }

  /** Candidate lists computed per request, and the dynamic terms that may narrow them per evaluation. */
  private readonly candidateLists = new Map<string, { list: readonly unknown[]; dynamic: IndexTerm[]; topK?: TopK }>()
  /** The top-k walks (see topKWalk) under way, per slot. */
  private readonly walks = new Map<string, Set<TopKWalk>>()

  private readonly dereference = ({ _ref }: { _ref: string }) => {
    this.budget.check()
    const mark = readMark(_ref)
    if (mark) {
      this.heard(mark.name, mark.hit)
      return mark.hit as unknown as LakeDocument
    }
    const dynamic = readDynamicRef(_ref)
    // groq-js hands whatever this returns to fromJS, so a list (or a pausing scan) is a list.
    if (dynamic) return this.dynamicCandidates(dynamic.name, dynamic.encoded) as LakeDocument
    return this.view.byId.get(_ref)
  }

  /**
   * A filter's candidates for one evaluation: the per-request list, or a smaller one an index
   * gives for a term whose value groq-js just computed in the filter's scope (see
   * plan/dynamic-ref.ts). In dataset order, and the filter still tests each candidate.
   */
  private dynamicCandidates(name: string, encoded: string): unknown {
    const entry = this.candidateLists.get(name)
    if (!entry) throw new Error(`lake: candidates ${name} used before they were computed`)
    let best = entry.list
    const values = decodeTerms(encoded, entry.dynamic.length)
    for (let i = 0; values && i < entry.dynamic.length && best.length > 0; i++) {
      best = narrow(this.view, best, entry.dynamic[i]!, values[i]!)
    }
    if (entry.topK) return this.topKWalk(name, sortedBy(best, entry.topK.keys), entry.topK.limit)
    return scan(best, this.budget)
  }

  /**
   * The candidates of a top-k filter, in order, one at a time: candidate i + 1 is handed over only
   * once the filter has reported its test of candidate i (its `select` dereferences a mark, see
   * plan/dynamic-ref.ts), and none after `limit` passed. groq-js pulls a stream as fast as it
   * can, so the walk waits for the reports. Two walks of one slot at once (not seen in practice:
   * groq-js tests one candidate after the other) could not tell their reports apart, so both then
   * hand over everything, as a scan would.
   */
  private topKWalk(name: string, list: readonly unknown[], limit: number): unknown {
    const budget = this.budget
    let active = this.walks.get(name)
    if (!active) this.walks.set(name, (active = new Set()))
    const walks = active
    const walk: TopKWalk = { tested: 0, passed: 0, shared: false, wake: null }
    return {
      next() {
        throw new Error('lake top-k walk: iterate with for await')
      },
      async *[Symbol.asyncIterator]() {
        walks.add(walk)
        if (walks.size > 1) for (const w of walks) share(w)
        try {
          for (let i = 0; i < list.length; i++) {
            while (!walk.shared && walk.tested < i) await new Promise<void>((resolve) => (walk.wake = resolve))
            if (!walk.shared && walk.passed >= limit) return
            if (i % 256 === 255) await budget.pause()
            yield list[i]
          }
        } finally {
          walks.delete(walk)
        }
      },
    }
  }

  /** A top-k filter's report on one candidate. */
  private heard(name: string, hit: boolean): void {
    const walks = this.walks.get(name)
    if (!walks || walks.size !== 1) return
    for (const walk of walks) {
      walk.tested++
      if (hit) walk.passed++
      walk.wake?.()
      walk.wake = null
    }
  }

  private async evaluate(node: ExprNode): Promise<unknown> {
    const value = await evaluate(node, { ...this.base, params: this.params, dereference: this.dereference })
    return value.get()
  }

  private bounded: Set<string> = new Set()

  /** Arrays read only in bounded ways go to groq-js as they are; others as pausing scans. */
  private bind(name: string, value: unknown): void {
    this.params[name] = Array.isArray(value) && !this.bounded.has(name) ? scan(value, this.budget) : value
  }

  async run(plan: Plan): Promise<unknown> {
    this.bounded = plan.bounded
    this.bind(EVERYTHING_PARAM, this.view.docs)
    for (const slot of plan.deps) await this.compute(slot)
    return this.evaluate(plan.root)
  }

  private compute(slot: Slot): Promise<void> {
    let pending = this.done.get(slot.name)
    if (!pending) {
      pending = this.computeOnce(slot)
      this.done.set(slot.name, pending)
    }
    return pending
  }

  private async computeOnce(slot: Slot): Promise<void> {
    let memoKey: string | null = null
    if (slot.kind === 'value' && slot.memo) {
      memoKey = slot.memo.tree + JSON.stringify(slot.memo.params.map((p) => this.params[p] ?? null))
      const hit = this.view.memo.get(memoKey)
      if (hit.hit) {
        this.bind(slot.name, hit.value)
        return
      }
    }
    for (const dep of slot.deps) await this.compute(dep)
    this.budget.check()
    if (slot.kind === 'candidates') {
      const list = await this.candidates(slot)
      this.candidateLists.set(slot.name, { list, dynamic: slot.dynamic, topK: slot.topK })
      this.bind(slot.name, list)
      return
    }
    const value = await this.evaluateValue(slot.node)
    if (memoKey !== null) this.view.memo.set(memoKey, value)
    this.bind(slot.name, value)
  }

  /**
   * A value slot: `score()` pipes the lake computes itself (score.ts), `order()` pipes by
   * attribute paths sorted as groq-js sorts (sortedBy), anything else by groq-js.
   */
  private async evaluateValue(node: ExprNode): Promise<unknown> {
    const n = node as unknown as { type: string; name?: string; base?: ExprNode; args?: ExprNode[] }
    const keys = n.type === 'PipeFuncCall' && n.name === 'order' ? orderKeys(n.args ?? []) : null
    if (keys) {
      // groq-js's pipe: null unless the base is an array.
      const base = await this.evaluate(n.base!)
      this.budget.check()
      if (!Array.isArray(base)) return null
      // Values groq-js made (datetimes, paths) have their own ranks: groq-js sorts those.
      const sorted = sortedBy(base, keys, true)
      if (sorted) return sorted
      return this.evaluate({ ...node, base: { type: 'Value', value: base } } as ExprNode)
    }
    const args = n.type === 'PipeFuncCall' && n.name === 'score' ? nativeScoreArgs(n.args ?? []) : null
    if (!args) return this.evaluate(node)
    const base = await this.evaluate(n.base!)
    return nativeScore(
      base,
      args,
      (v) => this.evaluate(v),
      (id) => this.view.byId.get(id),
      this.budget,
      this.scoreHint(),
    )
  }

  /** What the text index tells score.ts (see ScoreHint); null without an index. */
  private scoreHint(): ScoreHint | null {
    const index = this.view.text
    if (!index) return null
    const byId = this.view.byId
    return {
      isDocument: (element) => typeof element['_id'] === 'string' && byId.get(element['_id']) === element,
      withToken: (re) => index.withToken(re),
      referring: (re) => index.referringToken(re),
    }
  }

  /**
   * The smallest list an index gives for one term of the filter's conjunction whose values are
   * the same for the whole request; every document the filter keeps is in it, in dataset order,
   * and the filter still tests each one.
   */
  private async candidates(slot: Extract<Slot, { kind: 'candidates' }>): Promise<readonly unknown[]> {
    let best: readonly unknown[] = this.view.docs
    let exactValue: { value: unknown } | null = null
    for (const indexed of slot.indexed) {
      const evaluated = await this.termValues(indexed)
      if (indexed === slot.exact?.term) exactValue = { value: evaluated[0] }
      best = narrow(this.view, best, indexed.term, evaluated, () => this.budget.check())
      if (best.length === 0) break
    }
    if (slot.fixed) {
      const passing = await this.fixedPassing(slot.fixed, best.length)
      if (passing) best = best.filter((doc) => passing.has((doc as LakeDocument)._id))
      this.params[slot.fixed.flag] = passing !== null
    }
    if (slot.exact) {
      // Every candidate satisfies the term once the list is what everyTermHolds kept (see Exact).
      const kept =
        best.length === 0 || !exactValue
          ? best
          : everyTermHolds(this.view, slot.exact.term.term, exactValue.value, best, this.derefDocument, () => this.budget.check())
      this.params[slot.exact.flag] = kept !== null
      if (kept) best = kept
    }
    return best
  }

  /**
   * The ids of the view's documents that pass a filter's fixed terms (see Fixed), kept by the
   * view. Found when not kept only if the filter has at least a quarter of the view to
   * test anyway (a listing, a search for a common word); for fewer candidates (an article by its
   * slug) null: the filter tests them as written.
   */
  private async fixedPassing(fixed: Fixed, candidates: number): Promise<ReadonlySet<string> | null> {
    const kept = this.view.fixed.get(fixed.key)
    if (kept.hit) return kept.value as ReadonlySet<string>
    if (candidates * 4 < this.view.docs.length) return null
    let docs: readonly unknown[] = this.view.docs
    for (const indexed of fixed.narrowBy) {
      docs = narrow(this.view, docs, indexed.term, await this.termValues(indexed), () => this.budget.check())
    }
    this.bind(fixed.docs, docs)
    const passing = (await this.evaluate(fixed.filter)) as LakeDocument[]
    const ids = new Set(passing.map((doc) => doc._id))
    this.view.fixed.set(fixed.key, ids)
    return ids
  }

  /** An index term's values, as groq-js computes them for this request. */
  private async termValues(indexed: IndexedTerm): Promise<unknown[]> {
    const values: unknown[] = []
    for (const value of indexed.values) values.push(await this.evaluate(value))
    return values
  }

  private readonly derefDocument = (id: string): unknown => {
    this.budget.check()
    return this.view.byId.get(id)
  }
}

type TopKWalk = { tested: number; passed: number; shared: boolean; wake: (() => void) | null }

function share(walk: TopKWalk): void {
  walk.shared = true
  walk.wake?.()
  walk.wake = null
}

/** `order()` arguments that are all attribute paths (`a.b`, `a desc`, `b asc`) as keys; null otherwise. */
function orderKeys(args: readonly ExprNode[]): TopK['keys'] | null {
  const keys: TopK['keys'] = []
  for (const arg of args as Array<ExprNode & { base?: ExprNode }>) {
    const desc = arg.type === 'Desc'
    const path = attributePath(arg.type === 'Desc' || arg.type === 'Asc' ? arg.base! : arg)
    if (!path) return null
    keys.push({ path, desc })
  }
  return keys.length > 0 ? keys : null
}

/**
 * `list` (in dataset order) sorted as groq-js's `order()` sorts it: by each key's value under
 * its total order (`totalCompare`: numbers, then strings, then booleans, everything else equal),
 * ties kept in their order (groq-js sorts on the original index last). `scalarsOnly`: null when a
 * key's value is an object (a value groq-js computed, such as a datetime, ranks otherwise).
 */
function sortedBy(list: readonly unknown[], keys: TopK['keys']): unknown[]
function sortedBy(list: readonly unknown[], keys: TopK['keys'], scalarsOnly: true): unknown[] | null
function sortedBy(list: readonly unknown[], keys: TopK['keys'], scalarsOnly = false): unknown[] | null {
  const keyed = list.map((doc, i) => ({ doc, i, keys: keys.map((k) => readPath(doc, k.path) ?? null) }))
  const plain = (v: unknown) => typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype
  if (scalarsOnly && keyed.some((k) => !plain(k.doc) || k.keys.some((v) => typeof v === 'object' && v !== null))) return null
  keyed.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      let c = totalCompare(a.keys[k], b.keys[k])
      if (keys[k]!.desc) c = -c
      if (c !== 0) return c
    }
    return a.i - b.i
  })
  return keyed.map((k) => k.doc)
}

/** groq-js's totalCompare (src/evaluator/ordering.ts) on JSON values (no datetime or path values in documents). */
const TYPE_ORDER: Record<string, number> = { number: 2, string: 3, boolean: 4 }

function totalCompare(a: unknown, b: unknown): number {
  const ta = TYPE_ORDER[a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a] ?? 100
  const tb = TYPE_ORDER[b === null ? 'null' : Array.isArray(b) ? 'array' : typeof b] ?? 100
  if (ta !== tb) return ta - tb
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  return 0
}

export const DEFAULT_MAX_RESULT_BYTES = 32_000_000

/**
 * Refuses results that would take the server down to serialise (e.g. `*{"all": *}`): more than
 * `limit` values, or more than `maxBytes` of JSON by a lower-bound estimate (strings and keys
 * with their quotes, one byte per other value and separator), before any JSON is built.
 */
function assertResultSize(value: unknown, limit: number, maxBytes: number, budget: Budget): void {
  let count = 0
  let bytes = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if ((count & 0xffff) === 0) budget.check()
    if (++count > limit) {
      throw new LakeError(400, 'queryResultTooLarge', `Query result has more than ${limit} values`)
    }
    bytes += typeof v === 'string' ? v.length + 2 : 1
    if (Array.isArray(v)) for (const x of v) stack.push(x)
    else if (typeof v === 'object' && v !== null && !('toJSON' in v)) {
      for (const [k, x] of Object.entries(v)) {
        bytes += k.length + 3
        stack.push(x)
      }
    }
    if (bytes > maxBytes) throw queryResultTooLarge(maxBytes)
  }
}
