import type { ExprNode } from 'groq-js'

/**
 * What a subtree of a parsed GROQ query reads, found in one walk and kept per node: the facts
 * the rewriter (rewrite.ts) and the choice of index terms (index-terms.ts) are made from.
 */

export type AnyNode = ExprNode & Record<string, unknown>

/**
 * scope: reads the scope it is evaluated in (`@`, bare attributes, `references()`, `^`);
 * own: reads the `@` of that scope: as `scope`, except that `^` itself reads only beyond it, and
 *   a node type the planner does not know counts (`^` inside a nested scope may name this `@`);
 * context: reads the request (now(), identity(), sanity::*, before()/after()), so never memoized;
 * parent: how many scopes beyond the one it is evaluated in its `^`s reach (0: none; Infinity: not
 *   known, see below); everything: reads `*`; unknown: holds a node type the planner does not know.
 *
 * A filter, projection or `order`/`score` argument evaluates its body one scope deeper, so a `^`
 * that reaches n scopes beyond the body reaches n - 1 beyond the node (and reads the node's own
 * scope when n is 1). Maps and flat maps (`a[]{...}`, `a[].b`) evaluate their body in a hidden
 * scope, which nested scopes skip when they name their parent: a `^` inside one is not counted,
 * it makes the map read its scope and reach an unknown depth beyond.
 */
type Info = { scope: boolean; own: boolean; context: boolean; parent: number; usesParent: boolean; everything: boolean; unknown: boolean }

const KNOWN = new Set([
  'This',
  'Parent',
  'Everything',
  'Parameter',
  'Value',
  'Context',
  'AccessAttribute',
  'AccessElement',
  'Slice',
  'Filter',
  'Projection',
  'Map',
  'FlatMap',
  'PipeFuncCall',
  'FuncCall',
  'OpCall',
  'And',
  'Or',
  'Not',
  'Neg',
  'Pos',
  'Group',
  'Deref',
  'ArrayCoerce',
  'Object',
  'ObjectAttributeValue',
  'ObjectConditionalSplat',
  'ObjectSplat',
  'Array',
  'ArrayElement',
  'Select',
  'SelectAlternative',
  'InRange',
  'Asc',
  'Desc',
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

/** Read `@` only (so they are local to the scope they run in), not the request context. */
const SCOPE_FUNCTIONS = new Set(['global::references', 'sanity::versionOf', 'sanity::partOfRelease'])

/** Nodes whose per-item children groq-js evaluates in a hidden scope (`createHidden`). */
const HIDDEN_SCOPE = new Set(['Map', 'FlatMap'])

/** Children evaluated once per element of the base, in a nested scope. */
export const PER_ITEM_KEYS: Record<string, string[]> = {
  Filter: ['expr'],
  Projection: ['expr'],
  Map: ['expr'],
  FlatMap: ['expr'],
  PipeFuncCall: ['args'],
}

export function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** The node's children by key: a node, or a non-empty list of nodes. */
export function childEntries(node: AnyNode): Array<[string, AnyNode | AnyNode[]]> {
  if (node.type === 'Value') return []
  const out: Array<[string, AnyNode | AnyNode[]]> = []
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') continue
    if (isNode(value)) out.push([key, value])
    else if (Array.isArray(value) && value.length > 0 && value.every(isNode)) out.push([key, value])
  }
  return out
}

/** Each child node with its key, lists flattened. */
export function children(node: AnyNode): Array<[string, AnyNode]> {
  return childEntries(node).flatMap(([key, child]) => (Array.isArray(child) ? child : [child]).map((c): [string, AnyNode] => [key, c]))
}

/** The analysis of one query's nodes, cached per node (rewritten nodes are analysed on demand). */
export class Analysis {
  private readonly info = new WeakMap<object, Info>()

  of(node: ExprNode): Info {
    const n = node as AnyNode
    const cached = this.info.get(n)
    if (cached) return cached
    const unknown = !KNOWN.has(n.type)
    const result: Info = { scope: false, own: unknown, context: false, parent: 0, usesParent: false, everything: false, unknown }
    switch (n.type) {
      case 'This':
        result.scope = result.own = true
        break
      case 'Context':
        result.scope = result.own = result.context = true
        break
      case 'Parent':
        result.scope = result.usesParent = true
        result.parent = typeof n.n === 'number' && n.n >= 1 ? n.n : Infinity
        break
      case 'Everything':
        result.everything = true
        break
      case 'AccessAttribute':
        if (!n.base) result.scope = result.own = true
        break
      case 'FuncCall': {
        const id = `${n.namespace as string}::${n.name as string}`
        if (SCOPE_FUNCTIONS.has(id)) result.scope = result.own = true
        else if (!isPure(n.namespace as string, n.name as string)) result.scope = result.own = result.context = true
        break
      }
    }
    const perItem = PER_ITEM_KEYS[n.type] ?? []
    for (const [key, c] of children(n)) {
      const ci = this.of(c)
      // A nested scope's `@` is its own element; only `^` and context reach outside it.
      if (!perItem.includes(key)) {
        result.scope ||= ci.scope
        result.own ||= ci.own
        result.parent = Math.max(result.parent, ci.parent)
      } else if (HIDDEN_SCOPE.has(n.type)) {
        if (ci.usesParent) {
          result.scope = result.own = true
          result.parent = Infinity
        }
      } else if (ci.parent > 0) {
        // `^` inside a nested scope reads this node's scope or beyond.
        result.scope = result.own = true
        result.parent = Math.max(result.parent, ci.parent - 1)
      }
      result.usesParent ||= ci.usesParent
      result.context ||= ci.context
      result.everything ||= ci.everything
      result.unknown ||= ci.unknown
    }
    this.info.set(n, result)
    return result
  }

  /** True when the node's value does not depend on where (in which scope) it is evaluated. */
  isClosed(node: ExprNode): boolean {
    const info = this.of(node)
    return !info.scope && !info.context && info.parent === 0 && !info.unknown
  }

  /** A value that is not closed but is the same for every candidate of the filter it is in. */
  isScopeValue(node: ExprNode): boolean {
    const info = this.of(node)
    return !this.isClosed(node) && !info.unknown && !info.own
  }
}
