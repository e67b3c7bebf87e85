import type { ExprNode } from 'groq-js'

import { pathOf, textReader, type TextReader, ungroup } from '../match-text'
import { patternRegexes, type TextIndex } from '../text-index'
import type { DatasetView } from '../view'
import type { Analysis, AnyNode } from './analyse'

/**
 * Index selection, in one place: which terms of a filter an index can answer (chosen when the
 * query is planned) and which documents it gives for their values (at run time, for values
 * computed once per request or, for dynamic terms, once per evaluation of the filter).
 *
 * `equals`: `path == value` (an index only when the value is a string);
 * `references`: `references(args...)` (the string ids among the arguments, as groq-js takes them);
 * `match`: `text match pattern` (`every` false), or `count(patterns[!(text1 match @ || ...)]) == 0`
 * (`every`: each element of `patterns` matched by one of the texts), where each text is a
 * `MatchText` of the candidate and the patterns are the term's one value; an every-term also
 * carries each text's reader (match-text.ts), so the executor can decide it (everyTermHolds).
 */
export type IndexTerm =
  | { kind: 'equals'; path: string[] }
  | { kind: 'references' }
  | { kind: 'match'; texts: MatchText[]; every: boolean; readers?: TextReader[] }

/**
 * Text of the candidate that the text index covers: `own`, its own strings (an attribute path,
 * `pt::text(path)`); `referenced`, strings of documents it references (`path[]->name`,
 * `path->name`).
 */
export type MatchText = 'own' | 'referenced'

/**
 * A term with the expressions of its values. `closed`: the values are the same wherever they are
 * evaluated, so once per request; otherwise they depend on the enclosing scope but not on the
 * candidate (`references(^._id)`, `_id == ^.ref`), so once per evaluation of the filter.
 */
export type IndexedTerm = { term: IndexTerm; values: ExprNode[]; closed: boolean; node: ExprNode }

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
      if (pair)
        out.push({ term: { kind: 'equals', path: attributePath(pair[0])! }, values: [pair[1]], closed: pair === closed, node: term })
      else {
        const every = everyPatternMatched(node, analysis)
        if (every) out.push({ ...every, node: term })
      }
    } else if (node.type === 'OpCall' && node.op === 'match') {
      const text = matchText(node.left as ExprNode, 0)
      if (text && analysis.isClosed(node.right as ExprNode))
        out.push({ term: { kind: 'match', texts: [text], every: false }, values: [node.right as ExprNode], closed: true, node: term })
    } else if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
      const args = node.args as ExprNode[]
      if (args.every((arg) => analysis.isClosed(arg))) out.push({ term: { kind: 'references' }, values: args, closed: true, node: term })
      else if (args.every((arg) => analysis.isClosed(arg) || analysis.isScopeValue(arg)))
        out.push({ term: { kind: 'references' }, values: args, closed: false, node: term })
    }
  }
  return out
}

/**
 * `count(P[!(t1 match @ || t2 match @ ...)]) == 0` (either side, parentheses allowed) with `P`
 * closed and each `ti` a text of the candidate read through `^`: the site's search filter.
 */
function everyPatternMatched(node: AnyNode, analysis: Analysis): Omit<IndexedTerm, 'node'> | null {
  const zero = (n: AnyNode) => n.type === 'Value' && n.value === 0
  const counted = zero(node.right as AnyNode) ? (node.left as AnyNode) : zero(node.left as AnyNode) ? (node.right as AnyNode) : null
  if (!counted || counted.type !== 'FuncCall' || counted.namespace !== 'global' || counted.name !== 'count') return null
  const argument = (counted.args as AnyNode[])[0]
  const filter = argument && ungroup(argument)
  if (!filter || filter.type !== 'Filter' || !analysis.isClosed(filter.base as ExprNode)) return null
  const not = ungroup(filter.expr as AnyNode)
  if (not.type !== 'Not') return null
  const texts: MatchText[] = []
  const readers: TextReader[] = []
  for (const alt of disjuncts(not.base as ExprNode) as AnyNode[]) {
    if (alt.type !== 'OpCall' || alt.op !== 'match' || (alt.right as AnyNode).type !== 'This') return null
    const reader = textReader(alt.left as AnyNode, 1)
    if (!reader) return null
    texts.push(matchTextOf(reader))
    readers.push(reader)
  }
  return { term: { kind: 'match', texts, every: true, readers }, values: [filter.base as ExprNode], closed: true }
}

/**
 * The alternatives of `a || b || ...`, looking through parentheses, and of the
 * `select(a => true, b => true, ..., last)` the rewriter makes of an `||` of matches.
 */
export function disjuncts(expr: ExprNode): ExprNode[] {
  const n = ungroup(expr as AnyNode)
  if (n.type === 'Or') return [...disjuncts(n.left as ExprNode), ...disjuncts(n.right as ExprNode)]
  if (n.type === 'Select' && n.fallback) {
    const alternatives = n.alternatives as unknown as AnyNode[]
    const isTrue = (v: AnyNode) => v.type === 'Value' && v.value === true
    if (alternatives.every((a) => isTrue(a.value as AnyNode)))
      return [...alternatives.map((a) => a.condition as ExprNode), n.fallback as ExprNode]
  }
  return [n]
}

/**
 * What text of the candidate `expr` is, read from `@` (parent 0) or from `^` (parent 1): an
 * attribute path or `pt::text(path)` is its own text; `path->name`, `path[]->name` (and longer
 * paths after the `->`) are text of documents it references (the forms match-text.ts reads).
 * Null for anything else.
 */
function matchText(expr: ExprNode, parent: 0 | 1): MatchText | null {
  const reader = textReader(expr as AnyNode, parent)
  return reader ? matchTextOf(reader) : null
}

const matchTextOf = (reader: TextReader): MatchText => (reader.own ? 'own' : 'referenced')

/**
 * The documents an index gives for one term given its values, in dataset order; null when the
 * index cannot answer (an `equals` value that is not a string).
 */
function lookup(view: DatasetView, term: IndexTerm, values: readonly unknown[], check: () => void): readonly unknown[] | null {
  if (term.kind === 'match') return matching(view, term, values[0], check)
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

/**
 * The documents a `match` term can be true for (a superset, from the text index). `every`: the
 * value must be an array (else `count(null) == 0` is never true), each element matched by one of
 * the texts; an empty array keeps everything (null: no narrowing).
 */
function matching(
  view: DatasetView,
  term: { texts: MatchText[]; every: boolean },
  value: unknown,
  check: () => void,
): readonly unknown[] | null {
  const text = view.text
  if (!text) return null
  const patterns = term.every ? value : [value]
  if (!Array.isArray(patterns)) return []
  if (patterns.length === 0) return null
  let ids: ReadonlySet<string> | null = null
  for (const pattern of patterns) {
    // Each pattern tests the index's every token: a query with many patterns stays within its budget.
    check()
    const regexes = patternRegexes(pattern)
    // A pattern no text can match: `match` is false for every text.
    if (!regexes) return []
    const union = new Set<string>()
    for (const kind of new Set(term.texts)) for (const id of matchingIds(text, kind, regexes)) union.add(id)
    ids = ids ? intersect(ids, union) : union
    if (ids.size === 0) return []
  }
  return view.withIds(ids!)
}

/**
 * The every-term (`count(P[!(t1 match @ || ...)]) == 0`) decided for each document of `list` (the
 * view's, in dataset order) as groq-js decides it: the documents it is true for, in order. Null
 * for any other term.
 *
 * P not an array: `count(null) == 0` is never true. An empty P: true for every document. An
 * element that is not a string or an array of strings, or that has no terms: `match` is false for
 * every text, so the element is counted. Otherwise an element is matched when one text has a
 * token (it has at least one) for each of the element's expressions. A document the index lists
 * under no token of an expression (a superset) has no own text, or no referenced text, with it:
 * those texts are not read.
 */
export function everyTermHolds(
  view: DatasetView,
  term: IndexTerm,
  value: unknown,
  list: readonly unknown[],
  deref: (id: string) => unknown,
  check: () => void,
): readonly unknown[] | null {
  if (term.kind !== 'match' || !term.every || !term.readers) return null
  if (!Array.isArray(value)) return []
  if (value.length === 0) return list
  const patterns: RegExp[][] = []
  for (const pattern of value) {
    const regexes = patternRegexes(pattern)
    if (!regexes) return []
    patterns.push(regexes)
  }
  const readers = [...term.readers].sort((a, b) => Number(a.costly) - Number(b.costly))
  const index = view.text
  const possible = (re: RegExp, own: boolean): ReadonlySet<string> | null =>
    index ? (own ? index.withToken(re) : index.referringToken(re)) : null
  const out: unknown[] = []
  for (let i = 0; i < list.length; i++) {
    if ((i & 0xff) === 0xff) check()
    const doc = list[i] as { _id?: unknown }
    const id = typeof doc._id === 'string' ? doc._id : null
    // Each cheap text's tokens are read once per document; a body is walked until it is found.
    const tokens = new Map<TextReader, ReturnType<TextReader['tokens']>>()
    const read = (reader: TextReader) => {
      if (!tokens.has(reader)) tokens.set(reader, reader.tokens(doc, deref))
      return tokens.get(reader)!
    }
    const matched = (regexes: RegExp[]) =>
      readers.some((reader) => {
        if (id !== null && regexes.some((re) => possible(re, reader.own)?.has(id) === false)) return false
        if (reader.costly) return reader.matches(doc, deref, regexes)
        const found = read(reader)
        return found !== null && found.length > 0 && regexes.every((re) => found.has(re))
      })
    if (patterns.every(matched)) out.push(doc)
  }
  return out
}

/** Ids of documents whose text (own or referenced) has a token for each expression. */
function matchingIds(index: TextIndex, text: MatchText, regexes: RegExp[]): ReadonlySet<string> {
  let ids: ReadonlySet<string> | null = null
  for (const re of regexes) {
    const found = text === 'own' ? index.withToken(re) : index.referringToken(re)
    ids = ids ? intersect(ids, found) : found
    if (ids.size === 0) break
  }
  return ids!
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  const out = new Set<string>()
  for (const x of small) if (large.has(x)) out.add(x)
  return out
}

/** `list`, or the index's list for the term when that is smaller. `check`: the query's time budget. */
export function narrow(
  view: DatasetView,
  list: readonly unknown[],
  term: IndexTerm,
  values: readonly unknown[],
  check: () => void = () => {},
): readonly unknown[] {
  const found = lookup(view, term, values, check)
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
  return pathOf(expr as AnyNode, 0)
}
