import { randomBytes } from 'node:crypto'

import type { ExprNode } from 'groq-js'

import type { IndexedTerm } from './index-terms'

/*
 * The dynamic reference: how a filter's candidates reach the executor when an index term's value
 * depends on the enclosing scope. Both halves are here: `dynamicBase` builds the expression the
 * rewriter puts in place of the `*`, and `readDynamicRef` / `decodeTerms` read what groq-js hands
 * the executor's `dereference` for it.
 *
 * groq-js evaluates a filter's base in the scope S the filter is evaluated in, and each candidate
 * in `S.createNested(candidate)`. A projection on `{}` in S evaluates its body in
 * `S.createNested({})`: the same parents, params and context as every candidate's scope, only
 * `@` differs, and the term values do not read `@` (see `own` in analyse.ts). So the values
 * computed there are exactly those the filter computes for each candidate.
 *
 *   Deref({_ref: {} { {"v0": value0, "v1": value1...} { PREFIX + name + "|" + enc... } } })
 *
 * Each value is encoded as a string groq-js can build: `x` for anything that is not a string,
 * `s<length>:<text>` for a string (length as groq-js's `length()` counts it, see decodeTerms).
 * An array argument of `references()` is the encodings of its elements, in order.
 */

/**
 * `_ref`s starting with this ask the executor's `dereference` for a dynamic candidate list:
 * DYNAMIC_PREFIX + slot name + ('|' + encoded term values)... The random part keeps them apart
 * from any document id.
 */
const DYNAMIC_PREFIX = `lake:${randomBytes(12).toString('hex')}:dynamic:`

const value = (v: unknown): ExprNode => ({ type: 'Value', value: v }) as ExprNode
const plus = (left: ExprNode, right: ExprNode): ExprNode => ({ type: 'OpCall', op: '+', left, right }) as ExprNode
const call = (namespace: string, name: string, args: ExprNode[]): ExprNode =>
  ({ type: 'FuncCall', namespace, name, args }) as unknown as ExprNode
const attr = (name: string, base?: ExprNode): ExprNode =>
  (base ? { type: 'AccessAttribute', name, base } : { type: 'AccessAttribute', name }) as ExprNode
const object = (attributes: Array<[string, ExprNode]>): ExprNode =>
  ({ type: 'Object', attributes: attributes.map(([name, v]) => ({ type: 'ObjectAttributeValue', name, value: v })) }) as ExprNode
const projection = (base: ExprNode, expr: ExprNode): ExprNode => ({ type: 'Projection', base, expr }) as ExprNode

/** `"s" + string(length(v + "")) + ":" + (v + "")`, or `"x"` when `v` is not a string. */
function encodeValue(v: ExprNode): ExprNode {
  const text = plus(v, value(''))
  return call('global', 'coalesce', [
    plus(plus(plus(value('s'), call('global', 'string', [call('global', 'length', [text])])), value(':')), text),
    value('x'),
  ])
}

/** The strings `references(v)` takes: `v` itself, or the elements of an array `v`. */
export function encodeReferenceArg(v: ExprNode): ExprNode {
  const elements = call('array', 'join', [{ type: 'Map', base: v, expr: encodeValue({ type: 'This' } as ExprNode) } as ExprNode, value('')])
  return call('global', 'coalesce', [elements, encodeValue(v)])
}

/** The base that replaces `*` in the filter whose candidates are slot `name`, narrowed by `terms`. */
export function dynamicBase(name: string, terms: IndexedTerm[]): ExprNode {
  const fields: Array<[string, ExprNode]> = []
  let encoded: ExprNode = value(DYNAMIC_PREFIX + name)
  for (const { term, values } of terms) {
    const parts = values.map((v) => {
      const field = `v${fields.length}`
      fields.push([field, v])
      const read = attr(field, { type: 'This' } as ExprNode)
      return term.kind === 'equals' ? encodeValue(read) : encodeReferenceArg(read)
    })
    encoded = parts.reduce((acc, part) => plus(acc, part), plus(encoded, value('|')))
  }
  const ref = projection(object([]), projection(object(fields), encoded))
  return { type: 'Deref', base: object([['_ref', ref]]) } as ExprNode
}

/**
 * `_ref`s starting with this report to the executor that a top-k filter (rewrite.ts) has tested
 * one candidate: MARK_PREFIX + ('hit:' | 'miss:') + slot name. The dereference answers true for a
 * hit and false for a miss, so the filter keeps what it kept.
 */
const MARK_PREFIX = `lake:${randomBytes(12).toString('hex')}:mark:`

/** `select(expr == true => <hit>, <miss>)`: true exactly when `expr` is, and the executor hears of each test. */
export function reportingFilter(name: string, expr: ExprNode): ExprNode {
  const mark = (hit: boolean): ExprNode =>
    ({ type: 'Deref', base: object([['_ref', value(`${MARK_PREFIX}${hit ? 'hit' : 'miss'}:${name}`)]]) }) as ExprNode
  const test = { type: 'OpCall', op: '==', left: expr, right: value(true) } as ExprNode
  return {
    type: 'Select',
    alternatives: [{ type: 'SelectAlternative', condition: test, value: mark(true) }],
    fallback: mark(false),
  } as unknown as ExprNode
}

/** The slot name and outcome of a top-k filter's report; null for any other `_ref`. */
export function readMark(ref: string): { name: string; hit: boolean } | null {
  if (!ref.startsWith(MARK_PREFIX)) return null
  const text = ref.slice(MARK_PREFIX.length)
  if (text.startsWith('hit:')) return { name: text.slice(4), hit: true }
  if (text.startsWith('miss:')) return { name: text.slice(5), hit: false }
  return null
}

/** The slot name and the encoded values (`|...`, for decodeTerms) of a dynamic `_ref`; null for any other `_ref`. */
export function readDynamicRef(ref: string): { name: string; encoded: string } | null {
  if (!ref.startsWith(DYNAMIC_PREFIX)) return null
  const text = ref.slice(DYNAMIC_PREFIX.length)
  const bar = text.indexOf('|')
  return bar < 0 ? { name: text, encoded: '' } : { name: text.slice(0, bar), encoded: text.slice(bar) }
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
