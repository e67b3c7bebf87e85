import type { ExprNode } from 'groq-js'

import type { Budget } from './budget'
import type { AnyNode } from './plan/analyse'
import { textReader, type TextReader, type TokenCounts } from './match-text'
import { matchPatternRegex } from './text-index'

/*
 * The `score()` pipe computed here instead of in groq-js, for the arguments the site's search
 * uses: `text match pattern` and `boost(text match pattern, n)`, where the text is an attribute
 * path of the element, `pt::text(path)` or `path[]->a.b`, and the pattern and `n` are the same for
 * every element. The arithmetic is groq-js 1.30's (src/evaluator/scoring.ts and the `score` pipe),
 * in the same order, so the scores are the same numbers; the tokens of `pt::text` of recently scored
 * stored values (bodies) are kept, counted (a bounded number), so a body is not tokenized again for every search.
 */

const BM25k = 1.2

type Arg = { text: TextReader; pattern: ExprNode; boost: ExprNode | null }

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
    const text = textReader(node.left as AnyNode, 0)
    if (!text) return null
    out.push({ text, pattern: right as ExprNode, boost })
  }
  return out
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
  hint: ScoreHint | null = null,
): Promise<unknown> {
  if (!Array.isArray(base)) return null
  const prepared: Array<{ arg: Arg; regexes: RegExp[] | null; boost: unknown; possible: Array<ReadonlySet<string>> | null }> = []
  for (const arg of args) {
    const regexes = gatherRegexes(await evaluate(arg.pattern))
    const possible = hint && regexes ? regexes.map((re) => (arg.text.own ? hint.withToken(re) : hint.referring(re))) : null
    prepared.push({ arg, regexes, boost: arg.boost ? await evaluate(arg.boost) : null, possible })
  }
  const scored: Array<Record<string, unknown> & { _score: number }> = []
  for (let i = 0; i < base.length; i++) {
    if ((i & 0xff) === 0xff) budget.check()
    const value = base[i] as unknown
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue
    const element = value as Record<string, unknown>
    const id = hint?.isDocument(element) ? (element['_id'] as string) : null
    let valueScore = typeof element['_score'] === 'number' ? element['_score'] : 0
    for (const { arg, regexes, boost, possible } of prepared) {
      // A document the index lists under no expression's token scores 0 here: each frequency is 0.
      const none = id !== null && possible !== null && possible.every((ids) => !ids.has(id))
      const inner = none ? 0 : matchScore(arg.text.tokens(element, deref), regexes)
      if (arg.boost) valueScore += typeof boost === 'number' && inner > 0 ? inner + boost : 0
      else valueScore += inner
    }
    scored.push(Object.assign({}, element, { _score: valueScore }))
  }
  scored.sort((a, b) => b._score - a._score)
  return scored
}

/**
 * What the text index says about the view's documents, to skip reading texts that cannot match:
 * `isDocument`, the element is the view's document under its `_id` (not a copy or a projection);
 * `withToken` / `referring`, ids of documents whose own text (of those referenced) may hold a
 * token the expression matches, a superset (text-index.ts).
 */
export type ScoreHint = {
  isDocument: (element: Record<string, unknown>) => boolean
  withToken: (re: RegExp) => ReadonlySet<string>
  referring: (re: RegExp) => ReadonlySet<string>
}

function matchScore(text: TokenCounts | null, regexes: RegExp[] | null): number {
  if (!regexes || !text || text.length === 0 || regexes.length === 0) return 0
  let score = 0
  for (const re of regexes) {
    const freq = text.frequency(re)
    score += (freq * (BM25k + 1)) / (freq + BM25k)
  }
  return score
}
