import {randomBytes} from 'node:crypto'

import {DateTime, Path, type ExprNode} from 'groq-js'

/**
 * The query planner: rewrites a parsed GROQ tree so that groq-js evaluates less, without
 * changing what it returns. Three rewrites, each replacing a subtree by a `Parameter` node whose
 * value the executor computes before handing the tree to groq-js:
 *
 * - `candidates`: the `*` under a filter (`*[cond]`) becomes the documents an index says can
 *   satisfy `cond` (by `_type`, `_id`, an attribute path `== value`, or `references(id)`). The
 *   whole `cond` still runs on each candidate, so the result is the same as scanning `*`.
 *   When a term's value depends on the enclosing scope (`references(^._id)`, `_id == ^.ref`) but
 *   not on the candidate, the `*` becomes a `Deref` instead (see `dynamicBase`): groq-js computes
 *   the value once per evaluation of the filter, in a scope that sees the same `^` as the
 *   candidates would, and the executor's `dereference` turns it into the index's list.
 * - `value` (hoisted): a subtree that reads neither `@`, `^` nor the request context and that
 *   touches `*` is the same value wherever it is evaluated, so inside a per-item scope
 *   (filter, projection, map, `order` terms) it is computed once per request instead of per item.
 * - `value` (memo): such a subtree that is a filter or an `order`/`score` pipe is a set of
 *   documents fixed by the view and its parameters, so its result is kept in the view's memo.
 *
 * Anything the planner does not understand (custom functions, selectors, unknown node types)
 * leaves the query as it is.
 */

type AnyNode = ExprNode & Record<string, unknown>

export type Slot =
  | {kind: 'candidates'; name: string; expr: ExprNode; deps: Slot[]; dynamic: DynamicTerm[]}
  | {kind: 'value'; name: string; node: ExprNode; deps: Slot[]; memo: MemoKey | null}

export type MemoKey = {tree: string; params: string[]}

/**
 * `bounded`: value slots only ever read through `[n]`, `[a...b]`, `count()` or `length()`, which
 * take a bounded piece or walk the array once, so the executor hands them over as plain arrays
 * instead of scans that pause for the time budget.
 */
export type Plan = {root: ExprNode; deps: Slot[]; optimized: boolean; bounded: Set<string>}

export const EVERYTHING_PARAM = 'lake:everything'

/**
 * A filter term whose index value is computed in the enclosing scope at query time:
 * `equals`: `path == value` (an index only when the value is a string);
 * `references`: `references(args...)` (the string ids among the arguments, as groq-js takes them).
 */
export type DynamicTerm = {kind: 'equals'; path: string[]} | {kind: 'references'}

/**
 * `_ref`s starting with this ask the executor's `dereference` for a dynamic candidate list:
 * DYNAMIC_PREFIX + slot name + ('|' + encoded term values)... (see `encodeValue`). The random
 * part keeps them apart from any document id.
 */
export const DYNAMIC_PREFIX = `lake:${randomBytes(12).toString('hex')}:dynamic:`

const KNOWN = new Set([
  'This', 'Parent', 'Everything', 'Parameter', 'Value', 'Context', 'AccessAttribute', 'AccessElement',
  'Slice', 'Filter', 'Projection', 'Map', 'FlatMap', 'PipeFuncCall', 'FuncCall', 'OpCall', 'And', 'Or',
  'Not', 'Neg', 'Pos', 'Group', 'Deref', 'ArrayCoerce', 'Object', 'ObjectAttributeValue',
  'ObjectConditionalSplat', 'ObjectSplat', 'Array', 'ArrayElement', 'Select', 'SelectAlternative',
  'InRange', 'Asc', 'Desc',
])

/** Functions whose value depends only on their arguments (evaluated in the caller's scope). */
const PURE_FUNCTIONS: Record<string, Set<string> | '*'> = {
  global: new Set(['coalesce', 'count', 'dateTime', 'defined', 'length', 'path', 'string', 'round', 'lower', 'upper', 'boost']),
  pt: new Set(['text']),
  string: '*',
  array: '*',
  math: '*',
}

const isPure = (namespace: string, name: string) => {
  const fns = PURE_FUNCTIONS[namespace]
  return fns === '*' || (fns !== undefined && fns.has(name))
}

/** Children evaluated once per element of the base, in a nested scope. */
const PER_ITEM_KEYS: Record<string, string[]> = {
  Filter: ['expr'],
  Projection: ['expr'],
  Map: ['expr'],
  FlatMap: ['expr'],
  PipeFuncCall: ['args'],
}

const MEMO_TYPES = new Set(['Filter', 'PipeFuncCall'])

/** Read `@` only (so they are local to the scope they run in), not the request context. */
const SCOPE_FUNCTIONS = new Set(['global::references', 'sanity::versionOf', 'sanity::partOfRelease'])

/**
 * scope: reads the scope it is evaluated in (`@`, bare attributes, `references()`);
 * context: reads the request (now(), identity(), sanity::*, before()/after()), so never memoized;
 * parent: uses `^`; everything: reads `*`; unknown: holds a node type the planner does not know.
 */
type Info = {scope: boolean; context: boolean; parent: boolean; everything: boolean; unknown: boolean}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as {type?: unknown}).type === 'string'
}

function childEntries(node: AnyNode): Array<[string, AnyNode | AnyNode[]]> {
  if (node.type === 'Value') return []
  const out: Array<[string, AnyNode | AnyNode[]]> = []
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') continue
    if (isNode(value)) out.push([key, value])
    else if (Array.isArray(value) && value.length > 0 && value.every(isNode)) out.push([key, value])
  }
  return out
}

export class Planner {
  private readonly info = new WeakMap<object, Info>()
  private readonly slots: {count: number} = {count: 0}

  analyze(node: AnyNode): Info {
    const cached = this.info.get(node)
    if (cached) return cached
    const result: Info = {scope: false, context: false, parent: false, everything: false, unknown: !KNOWN.has(node.type)}
    switch (node.type) {
      case 'This':
        result.scope = true
        break
      case 'Context':
        result.scope = result.context = true
        break
      case 'Parent':
        result.scope = result.parent = true
        break
      case 'Everything':
        result.everything = true
        break
      case 'AccessAttribute':
        if (!node.base) result.scope = true
        break
      case 'FuncCall': {
        const id = `${node.namespace as string}::${node.name as string}`
        if (SCOPE_FUNCTIONS.has(id)) result.scope = true
        else if (!isPure(node.namespace as string, node.name as string)) result.scope = result.context = true
        break
      }
    }
    const perItem = PER_ITEM_KEYS[node.type] ?? []
    for (const [key, child] of childEntries(node)) {
      for (const c of Array.isArray(child) ? child : [child]) {
        const ci = this.analyze(c)
        // A nested scope's `@` is its own element; only `^` and context reach outside it.
        if (!perItem.includes(key)) result.scope ||= ci.scope
        result.parent ||= ci.parent
        result.context ||= ci.context
        result.everything ||= ci.everything
        result.unknown ||= ci.unknown
        // `^` inside a nested scope reads this node's scope or beyond.
        if (perItem.includes(key) && ci.parent) result.scope = true
      }
    }
    this.info.set(node, result)
    return result
  }

  /** True when the node's value does not depend on where (in which scope) it is evaluated. */
  isClosed(node: ExprNode): boolean {
    const info = this.analyze(node as AnyNode)
    return !info.scope && !info.context && !info.parent && !info.unknown
  }

  plan(tree: ExprNode): Plan {
    if (this.analyze(tree as AnyNode).unknown) return {root: tree, deps: [], optimized: false, bounded: new Set()}
    const deps: Slot[] = []
    const root = this.rewrite(tree as AnyNode, 0, deps)
    const params = new Map<string, number>()
    const bounded = new Map<string, number>()
    const visit = (node: AnyNode) => {
      if (node.type === 'Parameter') params.set(node.name as string, (params.get(node.name as string) ?? 0) + 1)
      const base = (node.type === 'FuncCall' ? (node.args as AnyNode[])[0] : node.base) as AnyNode | undefined
      const boundedUse =
        node.type === 'Slice' || node.type === 'AccessElement' ||
        (node.type === 'FuncCall' && node.namespace === 'global' && (node.name === 'count' || node.name === 'length'))
      if (boundedUse && base?.type === 'Parameter') bounded.set(base.name as string, (bounded.get(base.name as string) ?? 0) + 1)
      for (const [, child] of childEntries(node)) for (const c of Array.isArray(child) ? child : [child]) visit(c)
    }
    const visitSlots = (slots: Slot[]) => {
      for (const slot of slots) {
        visit((slot.kind === 'value' ? slot.node : slot.expr) as AnyNode)
        visitSlots(slot.deps)
      }
    }
    visit(root as AnyNode)
    visitSlots(deps)
    const onlyBounded = new Set([...bounded].filter(([name, n]) => params.get(name) === n).map(([name]) => name))
    return {root, deps, optimized: true, bounded: onlyBounded}
  }

  /**
   * True when the node may read the `@` of the scope it is evaluated in: `@`, bare attributes,
   * `references()` and the like, functions the planner does not know, unknown node types, and
   * `^` inside a nested scope (which may name this scope's `@`). `^` itself reads only beyond it.
   */
  readsOwnScope(node: AnyNode): boolean {
    const cached = this.ownScope.get(node)
    if (cached !== undefined) return cached
    let result = !KNOWN.has(node.type)
    switch (node.type) {
      case 'This':
      case 'Context':
        result = true
        break
      case 'AccessAttribute':
        if (!node.base) result = true
        break
      case 'FuncCall':
        if (!isPure(node.namespace as string, node.name as string)) result = true
        break
    }
    const perItem = PER_ITEM_KEYS[node.type] ?? []
    for (const [key, child] of childEntries(node)) {
      for (const c of Array.isArray(child) ? child : [child]) {
        if (perItem.includes(key) ? this.analyze(c).parent : this.readsOwnScope(c)) result = true
      }
    }
    this.ownScope.set(node, result)
    return result
  }

  private readonly ownScope = new WeakMap<object, boolean>()

  /** A value that is not closed but is the same for every candidate of the filter it is in. */
  private isScopeValue(node: ExprNode): boolean {
    return !this.isClosed(node) && !this.analyze(node as AnyNode).unknown && !this.readsOwnScope(node as AnyNode)
  }

  /**
   * Terms of a filter (already rewritten) that an index can answer once their value, which
   * depends on the enclosing scope, is known. Terms with a closed value are left to the
   * per-request `candidates` lookup.
   */
  private dynamicTerms(expr: ExprNode): Array<{term: DynamicTerm; values: ExprNode[]}> {
    const out: Array<{term: DynamicTerm; values: ExprNode[]}> = []
    for (const term of conjuncts(expr)) {
      const node = term as AnyNode
      if (node.type === 'OpCall' && node.op === '==') {
        const pairs = [[node.left, node.right], [node.right, node.left]] as Array<[ExprNode, ExprNode]>
        const indexed = pairs.filter(([attr]) => attributePath(attr) !== null)
        if (indexed.some(([, other]) => this.isClosed(other))) continue
        const pair = indexed.find(([, other]) => this.isScopeValue(other))
        if (pair) out.push({term: {kind: 'equals', path: attributePath(pair[0])!}, values: [pair[1]]})
      } else if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
        const args = node.args as ExprNode[]
        if (args.length === 0 || args.every((arg) => this.isClosed(arg))) continue
        if (args.every((arg) => this.isClosed(arg) || this.isScopeValue(arg))) out.push({term: {kind: 'references'}, values: args})
      }
    }
    return out
  }

  private newName(kind: string): string {
    return `lake:${kind}:${this.slots.count++}`
  }

  private rewrite(node: AnyNode, depth: number, slots: Slot[]): ExprNode {
    const info = this.analyze(node)
    if (this.isClosed(node) && info.everything && node.type !== 'Everything') {
      const memo = MEMO_TYPES.has(node.type)
      if (memo || depth > 0) {
        const deps: Slot[] = []
        const inner = this.rewriteOpen(node, depth, deps)
        const name = this.newName(memo ? 'memo' : 'hoist')
        slots.push({kind: 'value', name, node: inner, deps, memo: memo ? memoKey(node) : null})
        return {type: 'Parameter', name}
      }
    }
    return this.rewriteOpen(node, depth, slots)
  }

  private rewriteOpen(node: AnyNode, depth: number, slots: Slot[]): ExprNode {
    if (node.type === 'Filter' && (node.base as AnyNode).type === 'Everything') {
      const deps: Slot[] = []
      const expr = this.rewrite(node.expr as AnyNode, depth + 1, deps)
      const name = this.newName('candidates')
      const dynamic = this.dynamicTerms(expr)
      slots.push({kind: 'candidates', name, expr, deps, dynamic: dynamic.map((d) => d.term)})
      const base = dynamic.length > 0 ? dynamicBase(name, dynamic) : {type: 'Parameter', name}
      return {...node, base, expr} as ExprNode
    }
    if (node.type === 'Everything') return {type: 'Parameter', name: EVERYTHING_PARAM}
    return this.rewriteChildren(node, depth, slots)
  }

  private rewriteChildren(node: AnyNode, depth: number, slots: Slot[]): ExprNode {
    const perItem = PER_ITEM_KEYS[node.type] ?? []
    const copy: Record<string, unknown> = {...node}
    for (const [key, child] of childEntries(node)) {
      const d = perItem.includes(key) ? depth + 1 : depth
      copy[key] = Array.isArray(child)
        ? child.map((c) => this.rewriteChild(c, d, slots))
        : this.rewriteChild(child, d, slots)
    }
    return copy as unknown as ExprNode
  }

  /** Container nodes (object attributes, array elements, select arms) are not expressions. */
  private rewriteChild(node: AnyNode, depth: number, slots: Slot[]): unknown {
    if (CONTAINERS.has(node.type)) return this.rewriteChildren(node, depth, slots)
    return this.rewrite(node, depth, slots)
  }
}

/*
 * Building the dynamic base. groq-js evaluates a filter's base in the scope S the filter is
 * evaluated in, and each candidate in `S.createNested(candidate)`. A projection on `{}` in S
 * evaluates its body in `S.createNested({})`: the same parents, params and context as every
 * candidate's scope, only `@` differs, and the term values do not read `@` (`readsOwnScope`).
 * So the values computed there are exactly those the filter computes for each candidate.
 *
 *   Deref({_ref: {} { {"v0": value0, "v1": value1...} { PREFIX + name + "|" + enc... } } })
 *
 * Each value is encoded as a string groq-js can build: `x` for anything that is not a string,
 * `s<length>:<text>` for a string (length as groq-js's `length()` counts it, see decodeTerms).
 * An array argument of `references()` is the encodings of its elements, in order.
 */

const value = (v: unknown): ExprNode => ({type: 'Value', value: v}) as ExprNode
const plus = (left: ExprNode, right: ExprNode): ExprNode => ({type: 'OpCall', op: '+', left, right}) as ExprNode
const call = (namespace: string, name: string, args: ExprNode[]): ExprNode => ({type: 'FuncCall', namespace, name, args}) as unknown as ExprNode
const attr = (name: string, base?: ExprNode): ExprNode => (base ? {type: 'AccessAttribute', name, base} : {type: 'AccessAttribute', name}) as ExprNode
const object = (attributes: Array<[string, ExprNode]>): ExprNode =>
  ({type: 'Object', attributes: attributes.map(([name, v]) => ({type: 'ObjectAttributeValue', name, value: v}))}) as ExprNode
const projection = (base: ExprNode, expr: ExprNode): ExprNode => ({type: 'Projection', base, expr}) as ExprNode

/** `"s" + string(length(v + "")) + ":" + (v + "")`, or `"x"` when `v` is not a string. */
function encodeValue(v: ExprNode): ExprNode {
  const text = plus(v, value(''))
  return call('global', 'coalesce', [plus(plus(plus(value('s'), call('global', 'string', [call('global', 'length', [text])])), value(':')), text), value('x')])
}

/** The strings `references(v)` takes: `v` itself, or the elements of an array `v`. */
export function encodeReferenceArg(v: ExprNode): ExprNode {
  const elements = call('array', 'join', [{type: 'Map', base: v, expr: encodeValue({type: 'This'} as ExprNode)} as ExprNode, value('')])
  return call('global', 'coalesce', [elements, encodeValue(v)])
}

function dynamicBase(name: string, terms: Array<{term: DynamicTerm; values: ExprNode[]}>): ExprNode {
  const fields: Array<[string, ExprNode]> = []
  let encoded: ExprNode = value(DYNAMIC_PREFIX + name)
  for (const {term, values} of terms) {
    const parts = values.map((v) => {
      const field = `v${fields.length}`
      fields.push([field, v])
      const read = attr(field, {type: 'This'} as ExprNode)
      return term.kind === 'equals' ? encodeValue(read) : encodeReferenceArg(read)
    })
    encoded = parts.reduce((acc, part) => plus(acc, part), plus(encoded, value('|')))
  }
  const ref = projection(object([]), projection(object(fields), encoded))
  return {type: 'Deref', base: object([['_ref', ref]])} as ExprNode
}

/**
 * The values `dynamicBase` encoded, per term: strings, or null for a value that is not a string.
 * Null when the text is not in the expected shape (the caller then uses no dynamic index).
 * A string's length counts code points as groq-js's `length()` does (a high surrogate counts 0),
 * so the text is taken up to that count, plus any high surrogates right after it: the next
 * token starts with `s`, `x` or `|`, never with a surrogate.
 */
export function decodeTerms(text: string, terms: number): Array<Array<string | null>> | null {
  const isHigh = (i: number) => {
    const c = text.charCodeAt(i)
    return c >= 0xd800 && c <= 0xdbff
  }
  const out: Array<Array<string | null>> = []
  let pos = 0
  for (let t = 0; t < terms; t++) {
    if (text[pos] !== '|') return null
    pos++
    const values: Array<string | null> = []
    while (pos < text.length && text[pos] !== '|') {
      if (text[pos] === 'x') {
        values.push(null)
        pos++
        continue
      }
      if (text[pos] !== 's') return null
      const colon = text.indexOf(':', pos)
      const digits = text.slice(pos + 1, colon)
      if (colon < 0 || !/^\d+$/.test(digits)) return null
      const length = Number(digits)
      let end = colon + 1
      for (let count = 0; count < length; end++) {
        if (end >= text.length) return null
        if (!isHigh(end)) count++
      }
      while (end < text.length && isHigh(end)) end++
      values.push(text.slice(colon + 1, end))
      pos = end
    }
    out.push(values)
  }
  return pos === text.length ? out : null
}

const CONTAINERS = new Set(['ObjectAttributeValue', 'ObjectConditionalSplat', 'ObjectSplat', 'ArrayElement', 'SelectAlternative'])

/** A key naming the subtree exactly: DateTime and Path values are tagged so they cannot collide with strings. */
function memoKey(node: ExprNode): MemoKey {
  const params = new Set<string>()
  const tree = JSON.stringify(node, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key]
    if (raw instanceof DateTime) return {$dateTime: raw.toString()}
    if (raw instanceof Path) return {$path: String(raw)}
    if (isNode(raw) && raw.type === 'Parameter') params.add(raw.name as string)
    return value
  })
  return {tree, params: [...params].sort()}
}

/** The terms of a conjunction (`a && b && c`), looking through parentheses. */
export function conjuncts(expr: ExprNode): ExprNode[] {
  const node = expr as AnyNode
  if (node.type === 'And') return [...conjuncts(node.left as ExprNode), ...conjuncts(node.right as ExprNode)]
  if (node.type === 'Group') return conjuncts(node.base as ExprNode)
  return [expr]
}

/** `slug.current` or `@.slug.current` as ['slug', 'current']; null for anything else. */
export function attributePath(expr: ExprNode): string[] | null {
  const path: string[] = []
  let node = expr as AnyNode
  while (node.type === 'AccessAttribute') {
    path.unshift(node.name as string)
    if (!node.base) return path
    node = node.base as AnyNode
  }
  return node.type === 'This' && path.length > 0 ? path : null
}
