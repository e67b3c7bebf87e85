import type { ExprNode } from 'groq-js'

import type { Budget } from './budget'
import type { AnyNode } from './plan/analyse'
import { blockText, matchPatternRegex, matchTokenize } from './text-index'
import { readPath } from './view'

/*
 * The `score()` pipe computed here instead of in groq-js, for the arguments the site's search
 * uses: `text match pattern` and `boost(text match pattern, n)`, where the text is an attribute
 * path of the element, `pt::text(path)` or `path[]->a.b`, and the pattern and `n` are the same for
 * every element. The arithmetic is groq-js 1.30's (src/evaluator/scoring.ts and the `score` pipe),
 * in the same order, so the scores are the same numbers; the tokens of `pt::text` of recently scored
 * stored values (bodies) are kept, counted (a bounded number), so a body is not tokenized again for every search.
 */

const BM25k = 1.2

/** A text of the element: read it from the element, with `deref` for `->`. */
type Text = (element: Record<string, unknown>, deref: (id: string) => unknown) => unknown
type Arg = { text: Text; pattern: ExprNode; boost: ExprNode | null }

/** The score arguments as natively computable terms, or null when one of them is not. */
export function nativeScoreArgs(args: readonly ExprNode[]): Arg[] | null {
  const out: Arg[] = []
  for (const raw of args) {
    let node = raw as AnyNode
    let boost: ExprNode | null = null
    if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'boost') {
      const fnArgs = node.args as AnyNode[]
      if (fnArgs.length !== 2 || fnArgs[1]!.type !== 'Value') return null
      boost = fnArgs[1] as ExprNode
      node = fnArgs[0]!
    }
    if (node.type !== 'OpCall' || node.op !== 'match') return null
    const right = node.right as AnyNode
    if (right.type !== 'Parameter' && right.type !== 'Value') return null
    const text = textOf(node.left as AnyNode)
    if (!text) return null
    out.push({ text, pattern: right as ExprNode, boost })
  }
  return out
}

/** An attribute path from `@` (`a.b`, `@.a.b`) as names; null otherwise. */
function pathOf(node: AnyNode): string[] | null {
  const path: string[] = []
  let n = node
  while (n.type === 'AccessAttribute') {
    path.unshift(n.name as string)
    if (!n.base) return path
    n = n.base as AnyNode
  }
  return n.type === 'This' && path.length > 0 ? path : null
}

function textOf(node: AnyNode): Text | null {
  const path = pathOf(node)
  if (path) return (element) => readPath(element, path) ?? null
  if (node.type === 'FuncCall' && node.namespace === 'pt' && node.name === 'text') {
    const args = node.args as AnyNode[]
    const inner = args.length === 1 ? pathOf(args[0]!) : null
    if (!inner) return null
    return (element) => portableTextTokens(readPath(element, inner) ?? null)
  }
  // path[]->a.b: Map(ArrayCoerce(path), a.b on Deref(@))
  if (node.type === 'Map' && (node.base as AnyNode).type === 'ArrayCoerce') {
    const base = pathOf((node.base as AnyNode).base as AnyNode)
    const after: string[] = []
    let n = node.expr as AnyNode
    while (n.type === 'AccessAttribute' && n.base) {
      after.unshift(n.name as string)
      n = n.base as AnyNode
    }
    if (!base || after.length === 0 || n.type !== 'Deref' || (n.base as AnyNode).type !== 'This') return null
    return (element, deref) => {
      const list = readPath(element, base)
      if (!Array.isArray(list)) return null
      return list.map((item) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) return null
        const ref = (item as { _ref?: unknown })._ref
        if (typeof ref !== 'string') return null
        return readPath(deref(ref), after) ?? null
      })
    }
  }
  return null
}

/** groq-js's portableTextContent (src/evaluator/pt.ts) on a JSON value. */
function portableText(value: unknown): string | null {
  if (Array.isArray(value)) {
    const texts = arrayText(value, [])
    return texts.length > 0 ? texts.join('\n\n') : null
  }
  if (typeof value === 'object' && value !== null) return blockText(value as Record<string, unknown>)
  return null
}

function arrayText(value: unknown[], result: string[]): string[] {
  for (const block of value) {
    if (Array.isArray(block)) arrayText(block, result)
    else if (typeof block === 'object' && block) {
      const text = blockText(block as Record<string, unknown>)
      if (text !== null) result.push(text)
    }
  }
  return result
}

/**
 * The tokens of `pt::text` of stored values (bodies), counted, for the last PT_TOKENS_KEPT values
 * tokenized: stored values never change (a write stores new ones), so an entry cannot go stale, and
 * the bound keeps memory to a few thousand bodies' distinct words whatever the dataset's size.
 */
const PT_TOKENS_KEPT = 2048
const ptTokens = new Map<object, TokenCounts | null>()

function portableTextTokens(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return null
  let counts = ptTokens.get(value)
  if (counts === undefined) {
    const text = portableText(value)
    counts = text === null ? null : new TokenCounts(matchTokenize(text))
    ptTokens.set(value, counts)
    if (ptTokens.size > PT_TOKENS_KEPT) ptTokens.delete(ptTokens.keys().next().value as object)
  }
  return counts
}

/** A text's tokens as each distinct token and how often it occurs (a token's frequency is the sum). */
class TokenCounts {
  readonly counts = new Map<string, number>()
  readonly length: number
  constructor(tokens: string[]) {
    for (const token of tokens) this.counts.set(token, (this.counts.get(token) ?? 0) + 1)
    this.length = tokens.length
  }
}

/** groq-js's gatherText for the text side: the tokens of a string, or of an array's strings. */
function gatherTokens(value: unknown): string[] {
  if (typeof value === 'string') return matchTokenize(value)
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' ? matchTokenize(v) : []))
  return []
}

/** groq-js's gatherText for the pattern side; null when not every part is a string. */
function gatherRegexes(value: unknown): RegExp[] | null {
  if (typeof value === 'string') return matchPatternRegex(value)
  if (Array.isArray(value)) {
    if (!value.every((v) => typeof v === 'string')) return null
    return value.flatMap((v) => matchPatternRegex(v as string))
  }
  return null
}

/**
 * The `score(args)` pipe on `base`: objects get `_score` (their own numeric `_score` plus each
 * argument's score), anything else is left out; sorted by score, highest first, ties in order.
 */
export async function nativeScore(
  base: unknown,
  args: Arg[],
  evaluate: (node: ExprNode) => Promise<unknown>,
  deref: (id: string) => unknown,
  budget: Budget,
): Promise<unknown> {
  if (!Array.isArray(base)) return null
  const prepared: Array<{ arg: Arg; regexes: RegExp[] | null; boost: unknown }> = []
  for (const arg of args) {
    prepared.push({ arg, regexes: gatherRegexes(await evaluate(arg.pattern)), boost: arg.boost ? await evaluate(arg.boost) : null })
  }
  const scored: Array<Record<string, unknown> & { _score: number }> = []
  for (let i = 0; i < base.length; i++) {
    if ((i & 0xff) === 0xff) budget.check()
    const value = base[i] as unknown
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue
    const element = value as Record<string, unknown>
    let valueScore = typeof element['_score'] === 'number' ? element['_score'] : 0
    for (const { arg, regexes, boost } of prepared) {
      const inner = matchScore(arg.text(element, deref), regexes)
      if (arg.boost) valueScore += typeof boost === 'number' && inner > 0 ? inner + boost : 0
      else valueScore += inner
    }
    scored.push(Object.assign({}, element, { _score: valueScore }))
  }
  scored.sort((a, b) => b._score - a._score)
  return scored
}

function matchScore(text: unknown, regexes: RegExp[] | null): number {
  if (!regexes) return 0
  if (text instanceof TokenCounts) {
    if (text.length === 0 || regexes.length === 0) return 0
    let score = 0
    for (const re of regexes) {
      let freq = 0
      for (const [token, count] of text.counts) if (re.test(token)) freq += count
      score += (freq * (BM25k + 1)) / (freq + BM25k)
    }
    return score
  }
  const tokens = gatherTokens(text)
  if (tokens.length === 0 || regexes.length === 0) return 0
  let score = 0
  for (const re of regexes) {
    const freq = tokens.reduce((c, token) => c + (re.test(token) ? 1 : 0), 0)
    score += (freq * (BM25k + 1)) / (freq + BM25k)
  }
  return score
}
