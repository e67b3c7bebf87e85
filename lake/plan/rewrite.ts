import { DateTime, Path, type ExprNode } from 'groq-js'

import { Analysis, children, childEntries, isNode, PER_ITEM_KEYS, type AnyNode } from './analyse'
import { dynamicBase, reportingFilter } from './dynamic-ref'
import { attributePath, conjuncts, disjuncts, indexTerms, type IndexedTerm, type IndexTerm } from './index-terms'

/**
 * The query planner: rewrites a parsed GROQ tree so that groq-js evaluates less, without
 * changing what it returns. Three rewrites, each replacing a subtree by a `Parameter` node whose
 * value the executor computes before handing the tree to groq-js:
 *
 * - `candidates`: the `*` under a filter (`*[cond]`) becomes the documents an index says can
 *   satisfy `cond` (by `_type`, `_id`, an attribute path `== value`, or `references(id)`; see
 *   index-terms.ts). The whole `cond` still runs on each candidate, so the result is the same as
 *   scanning `*`. When a term's value depends on the enclosing scope (`references(^._id)`,
 *   `_id == ^.ref`) but not on the candidate, the `*` becomes a `Deref` instead (see
 *   dynamic-ref.ts): groq-js computes the value once per evaluation of the filter, in a scope
 *   that sees the same `^` as the candidates would, and the executor's `dereference` turns it
 *   into the index's list.
 * - `value` (hoisted): a subtree that reads neither `@`, `^` nor the request context and that
 *   touches `*` is the same value wherever it is evaluated, so inside a per-item scope
 *   (filter, projection, map, `order` terms) it is computed once per request instead of per item.
 * - `value` (memo): such a subtree that is a filter or an `order`/`score` pipe is a set of
 *   documents fixed by the view and its parameters, so its result is kept in the view's memo.
 * - `fixed`: the terms of a filter that read only the candidate (a listing's "is listable") are
 *   decided once per view for all documents, and the filter skips them (see Fixed).
 *
 * Anything the planner does not understand (custom functions, selectors, unknown node types)
 * leaves the query as it is.
 */

/**
 * `indexed`: the terms whose values are computed once per request; `dynamic`: those computed per
 * evaluation of the filter, in the order `dynamicBase` encodes them.
 */
export type Slot =
  | {
      kind: 'candidates'
      name: string
      expr: ExprNode
      deps: Slot[]
      indexed: IndexedTerm[]
      dynamic: IndexTerm[]
      topK?: TopK
      exact?: Exact
      fixed?: Fixed
    }
  | { kind: 'value'; name: string; node: ExprNode; deps: Slot[]; memo: MemoKey | null }

export type MemoKey = { tree: string; params: string[] }

/**
 * A term of the filter's conjunction that the executor decides itself for every candidate (the
 * search filter's every-term, see `everyTermHolds` in index-terms.ts). In the filter it becomes
 * `select($flag => true, term)`: the executor sets `flag` true once the candidates are exactly
 * those the term is true for (then `a && true` is `a && term` on each of them), false otherwise
 * (groq-js then evaluates the term as written). Only for filters without dynamic terms or top-k,
 * whose candidates are the list the executor computed.
 */
export type Exact = { term: IndexedTerm; flag: string }

/**
 * The terms of the filter's conjunction that only read the candidate (and documents it
 * references): no parameter, no `^`, no `*`, nothing of the request. Whether a document passes
 * them is fixed by the view, so the executor finds the documents that do once per view (`filter`,
 * run on every document an index gives for them, kept by the view under `key`) and keeps only
 * those among the candidates. In the filter they become one `select($flag => true, a && b ...)`,
 * as an Exact term does. Only for filters without dynamic terms or top-k (the candidates are
 * then exactly what the filter tests).
 */
export type Fixed = {
  filter: ExprNode
  key: string
  flag: string
  /** The parameter `filter` runs on: the view's documents, narrowed by the index terms among the fixed terms (`narrowBy`). */
  docs: string
  narrowBy: IndexedTerm[]
}

/**
 * `*[cond] | order(keys) [a...b]` where `cond` depends on the enclosing scope: the executor hands
 * the filter its candidates sorted by `keys` (ties in dataset order, as groq-js's stable sort
 * leaves them), one at a time, and stops once `limit` (b, or b + 1 when inclusive) of them passed.
 * `order` and the slice still run on what passed: the first `limit` of the sorted list are the
 * same either way.
 */
export type TopK = { keys: Array<{ path: string[]; desc: boolean }>; limit: number }

/**
 * `bounded`: value slots only ever read through `[n]`, `[a...b]`, `count()` or `length()`, which
 * take a bounded piece or walk the array once, so the executor hands them over as plain arrays
 * instead of scans that pause for the time budget.
 */
export type Plan = { root: ExprNode; deps: Slot[]; optimized: boolean; bounded: Set<string> }

export const EVERYTHING_PARAM = 'lake:everything'

const MEMO_TYPES = new Set(['Filter', 'PipeFuncCall'])

/** Container nodes (object attributes, array elements, select arms) are not expressions. */
const CONTAINERS = new Set(['ObjectAttributeValue', 'ObjectConditionalSplat', 'ObjectSplat', 'ArrayElement', 'SelectAlternative'])

export class Planner {
  private readonly analysis = new Analysis()
  private slotCount = 0

  plan(tree: ExprNode): Plan {
    if (this.analysis.of(tree).unknown) return { root: tree, deps: [], optimized: false, bounded: new Set() }
    const deps: Slot[] = []
    const root = this.rewrite(tree as AnyNode, 0, deps)
    return { root, deps, optimized: true, bounded: boundedParams(root, deps) }
  }

  private newName(kind: string): string {
    return `lake:${kind}:${this.slotCount++}`
  }

  private rewrite(node: AnyNode, depth: number, slots: Slot[]): ExprNode {
    const info = this.analysis.of(node)
    if (this.analysis.isClosed(node) && info.everything && node.type !== 'Everything') {
      const memo = MEMO_TYPES.has(node.type)
      if (memo || depth > 0) {
        const deps: Slot[] = []
        const inner = this.rewriteOpen(node, depth, deps)
        const name = this.newName(memo ? 'memo' : 'hoist')
        slots.push({ kind: 'value', name, node: inner, deps, memo: memo ? memoKey(node) : null })
        return { type: 'Parameter', name }
      }
    }
    return this.rewriteOpen(node, depth, slots)
  }

  private rewriteOpen(node: AnyNode, depth: number, slots: Slot[]): ExprNode {
    const topK = this.topK(node)
    if (topK) {
      const order = topK.order
      const filter = this.rewriteFilter(topK.filter, depth, slots, topK.topK)
      return { ...node, base: { ...order, base: filter } } as ExprNode
    }
    if (node.type === 'Filter' && (node.base as AnyNode).type === 'Everything') return this.rewriteFilter(node, depth, slots)
    const shortCircuit = this.matchesInOrder(node, depth, slots)
    if (shortCircuit) return shortCircuit

    if (node.type === 'Everything') return { type: 'Parameter', name: EVERYTHING_PARAM }
    return this.rewriteChildren(node, depth, slots)
  }

  private rewriteFilter(node: AnyNode, depth: number, slots: Slot[], topK?: TopK): ExprNode {
    const deps: Slot[] = []
    const rewritten = this.rewrite(node.expr as AnyNode, depth + 1, deps)
    const name = this.newName('candidates')
    const terms = indexTerms(rewritten, this.analysis)
    const dynamic = terms.filter((t) => !t.closed)
    const indexed = terms.filter((t) => t.closed)
    const decided = topK || dynamic.length > 0 ? undefined : indexed.find((t) => t.term.kind === 'match' && t.term.readers)
    const exact = decided ? { term: decided, flag: this.newName('exact') } : undefined
    const exactTerm = exact ? decidedTerm(exact.flag, exact.term.node) : null
    let expr = exact && exactTerm ? replaceConjunct(rewritten, exact.term.node, exactTerm) : rewritten
    // (With an Exact term, `allTerms` holds its select: both read the conjunction through `&&` and parentheses.)
    const allTerms = topK || dynamic.length > 0 ? [] : conjuncts(expr)
    const fixedTerms = allTerms.filter((c) => this.isFixed(c))
    let fixed: Fixed | undefined
    if (fixedTerms.length > 0) {
      const flag = this.newName('fixed')
      const docs = this.newName('fixed-docs')
      const conjunction = andOf(fixedTerms)
      const filter = { type: 'Filter', base: { type: 'Parameter', name: docs }, expr: conjunction } as ExprNode
      const narrowBy = indexed.filter((t) => fixedTerms.includes(t.node))
      fixed = { filter, key: `fixed:${memoKey(conjunction).tree}`, flag, docs, narrowBy }
      // One select for them all, first (`&&` is the same value in any order: false wins, then null).
      expr = andOf([decidedTerm(flag, conjunction), ...allTerms.filter((c) => !fixedTerms.includes(c))])
    }
    slots.push({
      kind: 'candidates',
      name,
      expr,
      deps,
      indexed,
      dynamic: dynamic.map((d) => d.term),
      ...(topK ? { topK } : {}),
      ...(exact ? { exact } : {}),
      ...(fixed ? { fixed } : {}),
    })
    if (topK) return { ...node, base: dynamicBase(name, dynamic), expr: reportingFilter(name, rewritten) } as ExprNode
    const base = dynamic.length > 0 ? dynamicBase(name, dynamic) : { type: 'Parameter', name }
    const filter = { ...node, base, expr } as ExprNode
    // Every term decided by the executor (a listing's filter, the search's): when it could decide
    // them all, the candidates are the filter's result, and groq-js need not test each one.
    const undecided = allTerms.filter((c) => !fixedTerms.includes(c) && c !== exactTerm)
    if (fixed && undecided.length === 0) {
      const flags = [fixed.flag, ...(exact ? [exact.flag] : [])]
      const condition = andOf(flags.map((flag) => ({ type: 'Parameter', name: flag }) as ExprNode))
      return {
        type: 'Select',
        alternatives: [{ type: 'SelectAlternative', condition, value: base }],
        fallback: filter,
      } as unknown as ExprNode
    }
    return filter
  }

  /** A conjunct whose truth for a document is fixed by the view (see Fixed). */
  private isFixed(node: ExprNode): boolean {
    const info = this.analysis.of(node)
    return !info.context && !info.unknown && !info.everything && info.parent === 0 && memoKey(node).params.length === 0
  }

  /**
   * `a match x || b match y || ...`: groq-js evaluates both sides of every `||`, and `match` is
   * always true or false, so `select(a match x => true, b match y => true, ..., last)` is the
   * same value and stops at the first true one. `pt::text(...)` (tokenizing a whole body) goes
   * last. index-terms.ts reads the select as the disjunction it stands for.
   */
  private matchesInOrder(node: AnyNode, depth: number, slots: Slot[]): ExprNode | null {
    if (node.type !== 'Or') return null
    const alternatives = disjuncts(node as ExprNode) as AnyNode[]
    if (!alternatives.every((a) => a.type === 'OpCall' && a.op === 'match')) return null
    const costly = (a: AnyNode) => {
      const left = a.left as AnyNode
      return left.type === 'FuncCall' && left.namespace === 'pt' ? 1 : 0
    }
    const ordered = [...alternatives].sort((a, b) => costly(a) - costly(b)).map((a) => this.rewrite(a, depth, slots))
    return {
      type: 'Select',
      alternatives: ordered
        .slice(0, -1)
        .map((condition) => ({ type: 'SelectAlternative', condition, value: { type: 'Value', value: true } })),
      fallback: ordered[ordered.length - 1],
    } as unknown as ExprNode
  }

  /**
   * `*[cond] | order(path [asc|desc], ...) [a...b]` (a, b >= 0) whose filter is not closed (a
   * closed one is computed once per request, and memoised): the top-k rewrite (see TopK).
   */
  private topK(node: AnyNode): { filter: AnyNode; order: AnyNode; topK: TopK } | null {
    if (node.type !== 'Slice') return null
    const { left, right, isInclusive } = node as unknown as { left: unknown; right: unknown; isInclusive: boolean }
    if (typeof left !== 'number' || typeof right !== 'number' || left < 0 || right < 0) return null
    const order = node.base as AnyNode
    if (order.type !== 'PipeFuncCall' || order.name !== 'order') return null
    const filter = order.base as AnyNode
    if (filter.type !== 'Filter' || (filter.base as AnyNode).type !== 'Everything' || this.analysis.isClosed(filter)) return null
    const keys: TopK['keys'] = []
    for (const arg of order.args as AnyNode[]) {
      const desc = arg.type === 'Desc'
      const path = attributePath((arg.type === 'Desc' || arg.type === 'Asc' ? arg.base : arg) as ExprNode)
      if (!path) return null
      keys.push({ path, desc })
    }
    if (keys.length === 0) return null
    return { filter, order, topK: { keys, limit: isInclusive ? right + 1 : right } }
  }

  private rewriteChildren(node: AnyNode, depth: number, slots: Slot[]): ExprNode {
    const perItem = PER_ITEM_KEYS[node.type] ?? []
    const copy: Record<string, unknown> = { ...node }
    for (const [key, child] of childEntries(node)) {
      const d = perItem.includes(key) ? depth + 1 : depth
      copy[key] = Array.isArray(child) ? child.map((c) => this.rewriteChild(c, d, slots)) : this.rewriteChild(child, d, slots)
    }
    return copy as unknown as ExprNode
  }

  private rewriteChild(node: AnyNode, depth: number, slots: Slot[]): unknown {
    if (CONTAINERS.has(node.type)) return this.rewriteChildren(node, depth, slots)
    return this.rewrite(node, depth, slots)
  }
}

/** `select($flag => true, term)` (see Exact and Fixed). */
function decidedTerm(flag: string, term: ExprNode): ExprNode {
  return {
    type: 'Select',
    alternatives: [{ type: 'SelectAlternative', condition: { type: 'Parameter', name: flag }, value: { type: 'Value', value: true } }],
    fallback: term,
  } as unknown as ExprNode
}

/** `a && b && ...` of the terms, left to right. */
function andOf(terms: ExprNode[]): ExprNode {
  return terms.reduce((left, right) => ({ type: 'And', left, right }) as ExprNode)
}

/** `expr` with the conjunct `target` (the node itself) replaced, through `&&` and parentheses. */
function replaceConjunct(expr: ExprNode, target: ExprNode, replacement: ExprNode): ExprNode {
  if (expr === target) return replacement
  const node = expr as AnyNode
  if (node.type === 'And')
    return {
      ...node,
      left: replaceConjunct(node.left as ExprNode, target, replacement),
      right: replaceConjunct(node.right as ExprNode, target, replacement),
    } as ExprNode
  if (node.type === 'Group') return { ...node, base: replaceConjunct(node.base as ExprNode, target, replacement) } as ExprNode
  return expr
}

/** The slot parameters that every use (in the root and in all slots) reads in a bounded way. */
function boundedParams(root: ExprNode, deps: Slot[]): Set<string> {
  const params = new Map<string, number>()
  const bounded = new Map<string, number>()
  const visit = (node: AnyNode) => {
    if (node.type === 'Parameter') params.set(node.name as string, (params.get(node.name as string) ?? 0) + 1)
    const base = (node.type === 'FuncCall' ? (node.args as AnyNode[])[0] : node.base) as AnyNode | undefined
    const boundedUse =
      node.type === 'Slice' ||
      node.type === 'AccessElement' ||
      (node.type === 'FuncCall' && node.namespace === 'global' && (node.name === 'count' || node.name === 'length'))
    if (boundedUse && base?.type === 'Parameter') bounded.set(base.name as string, (bounded.get(base.name as string) ?? 0) + 1)
    for (const [, c] of children(node)) visit(c)
  }
  const visitSlots = (slots: Slot[]) => {
    for (const slot of slots) {
      visit((slot.kind === 'value' ? slot.node : slot.expr) as AnyNode)
      visitSlots(slot.deps)
    }
  }
  visit(root as AnyNode)
  visitSlots(deps)
  return new Set([...bounded].filter(([name, n]) => params.get(name) === n).map(([name]) => name))
}

/** A key naming the subtree exactly: DateTime and Path values are tagged so they cannot collide with strings. */
function memoKey(node: ExprNode): MemoKey {
  const params = new Set<string>()
  const tree = JSON.stringify(node, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key]
    if (raw instanceof DateTime) return { $dateTime: raw.toString() }
    if (raw instanceof Path) return { $path: String(raw) }
    if (isNode(raw) && raw.type === 'Parameter') params.add(raw.name as string)
    return value
  })
  return { tree, params: [...params].sort() }
}
