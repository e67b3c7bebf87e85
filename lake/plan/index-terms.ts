import type { ExprNode } from 'groq-js'

import type { DatasetView } from '../view'
import type { Analysis, AnyNode } from './analyse'

/**
 * Index selection, in one place: which terms of a filter an index can answer (chosen when the
 * query is planned) and which documents it gives for their values (at run time, for values
 * computed once per request or, for dynamic terms, once per evaluation of the filter).
 *
 * `equals`: `path == value` (an index only when the value is a string);
 * `references`: `references(args...)` (the string ids among the arguments, as groq-js takes them).
 */
export type IndexTerm = { kind: 'equals'; path: string[] } | { kind: 'references' }

/**
 * A term with the expressions of its values. `closed`: the values are the same wherever they are
 * evaluated, so once per request; otherwise they depend on the enclosing scope but not on the
 * candidate (`references(^._id)`, `_id == ^.ref`), so once per evaluation of the filter.
 */
export type IndexedTerm = { term: IndexTerm; values: ExprNode[]; closed: boolean }

/** The terms of a filter's conjunction (already rewritten) that an index can answer, in order. */
export function indexTerms(expr: ExprNode, analysis: Analysis): IndexedTerm[] {
  const out: IndexedTerm[] = []
  for (const term of conjuncts(expr)) {
    const node = term as AnyNode
    if (node.type === 'OpCall' && node.op === '==') {
      const pairs = [
        [node.left, node.right],
        [node.right, node.left],
      ] as Array<[ExprNode, ExprNode]>
      const indexed = pairs.filter(([attr]) => attributePath(attr) !== null)
      const closed = indexed.find(([, other]) => analysis.isClosed(other))
      const pair = closed ?? indexed.find(([, other]) => analysis.isScopeValue(other))
      if (pair) out.push({ term: { kind: 'equals', path: attributePath(pair[0])! }, values: [pair[1]], closed: pair === closed })
    } else if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
      const args = node.args as ExprNode[]
      if (args.every((arg) => analysis.isClosed(arg))) out.push({ term: { kind: 'references' }, values: args, closed: true })
      else if (args.every((arg) => analysis.isClosed(arg) || analysis.isScopeValue(arg)))
        out.push({ term: { kind: 'references' }, values: args, closed: false })
    }
  }
  return out
}

/**
 * The documents an index gives for one term given its values, in dataset order; null when the
 * index cannot answer (an `equals` value that is not a string).
 */
function lookup(view: DatasetView, term: IndexTerm, values: readonly unknown[]): readonly unknown[] | null {
  if (term.kind === 'equals') {
    const [value] = values
    if (values.length !== 1 || typeof value !== 'string') return null
    const path = term.path
    return path.length === 1 && path[0] === '_type' ? (view.byType.get(value) ?? []) : view.withValue(path, value)
  }
  const ids: string[] = []
  for (const value of values) {
    if (typeof value === 'string') ids.push(value)
    else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') ids.push(v)
  }
  return ids.length === 0 ? [] : view.referencing(ids)
}

/** `list`, or the index's list for the term when that is smaller. */
export function narrow(view: DatasetView, list: readonly unknown[], term: IndexTerm, values: readonly unknown[]): readonly unknown[] {
  const found = lookup(view, term, values)
  return found && found.length < list.length ? found : list
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
