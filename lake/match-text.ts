import type { AnyNode } from './plan/analyse'
import { blockText, matchTokenize, someToken } from './text-index'
import { readPath } from './view'

/*
 * The texts `match` reads that the lake evaluates itself (score.ts, and the search filter's
 * every-term in plan/index-terms.ts): what groq-js 1.30 computes for them, as JS values, and
 * their tokens as its `match` gathers them (src/shared/matching.ts `gatherText`: a string's
 * tokens, or the tokens of an array's string elements; anything else has none).
 *
 * A text is read from the element a scope is evaluated on (`@`, parent 0) or from the one a
 * nested scope's `^` names (parent 1): an attribute path (`title`, `@.a.b`, `^.title`),
 * `pt::text(path)`, or `path[]->a.b` / `path->a.b` (read from the referenced documents).
 */

/** A text of an element: `read` gives what groq-js computes; `tokens` its tokens, counted. */
export type TextReader = {
  /** The tokens of the text, counted (pt::text values are cached: see portableTextTokens). */
  tokens: (element: unknown, deref: (id: string) => unknown) => TokenCounts | null
  /**
   * `match` as the search filter's every-term asks it of one text (index-terms.ts): the text has
   * a token, and each expression matches one of its tokens.
   */
  matches: (element: unknown, deref: (id: string) => unknown, regexes: RegExp[]) => boolean
  /** Reads only the element's own strings (false: strings of documents it references). */
  own: boolean
  /** Costly to read (pt::text of a body): read last. */
  costly: boolean
}

/** An attribute path read from `@` (parent 0: `a.b`, `@.a.b`) or `^` (parent 1: `^.a.b`), as names; null otherwise. */
export function pathOf(node: AnyNode, parent: 0 | 1): string[] | null {
  const path: string[] = []
  let n = node
  while (n.type === 'AccessAttribute') {
    path.unshift(n.name as string)
    if (!n.base) return parent === 0 ? path : null
    n = n.base as AnyNode
  }
  if (path.length === 0) return null
  return (parent === 0 ? n.type === 'This' : n.type === 'Parent' && n.n === 1) ? path : null
}

/** The node inside any parentheses around it. */
export const ungroup = (node: AnyNode): AnyNode => (node.type === 'Group' ? ungroup(node.base as AnyNode) : node)

/** The reader of a text expression, or null when it is not one of the forms above. */
export function textReader(expr: AnyNode, parent: 0 | 1): TextReader | null {
  const node = ungroup(expr)
  const path = pathOf(node, parent)
  if (path) return withMatches({ own: true, costly: false, tokens: (element) => gatheredTokens(readPath(element, path) ?? null) })
  if (node.type === 'FuncCall' && node.namespace === 'pt' && node.name === 'text') {
    const args = node.args as AnyNode[]
    const inner = args.length === 1 ? pathOf(ungroup(args[0]!), parent) : null
    if (!inner) return null
    return {
      own: true,
      costly: true,
      tokens: (element) => portableTextTokens(readPath(element, inner) ?? null),
      matches: (element, _deref, regexes) => portableTextMatches(readPath(element, inner) ?? null, regexes),
    }
  }
  // path[]->a.b: Map(ArrayCoerce(path), a.b on Deref(@))
  if (node.type === 'Map' && (node.base as AnyNode).type === 'ArrayCoerce') {
    const base = pathOf((node.base as AnyNode).base as AnyNode, parent)
    const after = derefPath(node.expr as AnyNode, (b) => b.type === 'This')
    if (!base || !after) return null
    return withMatches({
      own: false,
      costly: false,
      tokens: (element, deref) => {
        const list = readPath(element, base)
        if (!Array.isArray(list)) return null
        return gatheredTokens(list.map((item) => readPath(dereferenced(item, deref), after) ?? null))
      },
    })
  }
  // path->a.b: a.b on Deref(path)
  let base: string[] | null = null
  const after = derefPath(node, (b) => (base = pathOf(b, parent)) !== null)
  if (!after || !base) return null
  const from: string[] = base
  return withMatches({
    own: false,
    costly: false,
    tokens: (element, deref) => gatheredTokens(readPath(dereferenced(readPath(element, from), deref), after) ?? null),
  })
}

/** A reader whose `matches` reads its tokens. */
function withMatches(reader: Omit<TextReader, 'matches'>): TextReader {
  return {
    ...reader,
    matches: (element, deref, regexes) => {
      const found = reader.tokens(element, deref)
      return found !== null && found.length > 0 && regexes.every((re) => found.has(re))
    },
  }
}

/** groq-js's Deref: an object's string `_ref`, dereferenced; undefined for anything else. */
function dereferenced(value: unknown, deref: (id: string) => unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const ref = (value as { _ref?: unknown })._ref
  return typeof ref === 'string' ? deref(ref) : undefined
}

/** The names of `a.b` on `Deref(x)` with `x` accepted by `base`; null for anything else. */
function derefPath(node: AnyNode, base: (n: AnyNode) => boolean): string[] | null {
  const after: string[] = []
  let n = node
  while (n.type === 'AccessAttribute' && n.base) {
    after.unshift(n.name as string)
    n = n.base as AnyNode
  }
  return after.length > 0 && n.type === 'Deref' && base(n.base as AnyNode) ? after : null
}

/**
 * A text's tokens as each distinct token and how often it occurs (a token's frequency is the sum):
 * compact, as thousands of bodies' are kept (distinct tokens shared through `intern`).
 */
export class TokenCounts {
  readonly tokens: string[]
  readonly counts: Uint32Array
  readonly length: number
  constructor(tokens: string[]) {
    const counts = new Map<string, number>()
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1)
    this.tokens = [...counts.keys()].map(intern)
    this.counts = Uint32Array.from(counts.values())
    this.length = tokens.length
  }

  /** How many tokens `re` matches. */
  frequency(re: RegExp): number {
    let freq = 0
    for (let i = 0; i < this.tokens.length; i++) if (re.test(this.tokens[i]!)) freq += this.counts[i]!
    return freq
  }

  /** True when `re` matches one of the tokens. */
  has(re: RegExp): boolean {
    return this.tokens.some((token) => re.test(token))
  }
}

/** One copy of each token string (for the kept token lists); emptied past a bound. */
const interned = new Map<string, string>()
function intern(token: string): string {
  const known = interned.get(token)
  if (known !== undefined) return known
  if (interned.size >= 1 << 20) interned.clear()
  interned.set(token, token)
  return token
}

/** groq-js's gatherText for the text side: the tokens of a string, or of an array's strings; null for none. */
function gatheredTokens(value: unknown): TokenCounts | null {
  if (typeof value === 'string') return keptTokens(gatheredStrings, value, () => matchTokenize(value))
  if (Array.isArray(value)) {
    const strings = value.filter((v): v is string => typeof v === 'string')
    return keptTokens(gatheredLists, JSON.stringify(strings), () => strings.flatMap(matchTokenize))
  }
  return null
}

/**
 * The counted tokens of short texts (titles, standfirsts, the names of an article's authors) by
 * the text itself, for the last GATHERED_KEPT texts of at most GATHERED_MAX_CHARS: a search for a
 * common word reads them for every article, twice (the filter's every-term and the score), and a
 * text's tokens never change. Longer texts are counted each time, so what is kept stays small.
 */
const GATHERED_KEPT = 65536
const GATHERED_MAX_CHARS = 2048
/** By the string; lists of strings apart, by their JSON (a string may spell a list's JSON). */
const gatheredStrings = new Map<string, TokenCounts>()
const gatheredLists = new Map<string, TokenCounts>()
function keptTokens(kept: Map<string, TokenCounts>, key: string, tokenize: () => string[]): TokenCounts {
  if (key.length > GATHERED_MAX_CHARS) return new TokenCounts(tokenize())
  let counts = kept.get(key)
  if (counts === undefined) {
    counts = new TokenCounts(tokenize())
    kept.set(key, counts)
    if (kept.size > GATHERED_KEPT) kept.delete(kept.keys().next().value as string)
  }
  return counts
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
 * the bound keeps memory to about a kilobyte per body for 16,384 bodies whatever the dataset's size
 * (a search for a common word scores every article's body).
 */
const PT_TOKENS_KEPT = 16384
const ptTokens = new Map<object, TokenCounts | null>()

/**
 * `matches` on `pt::text(value)`: from the kept tokens when they are there, else by walking the
 * text's tokens until every expression has matched one (a common word is usually found early).
 */
function portableTextMatches(value: unknown, regexes: RegExp[]): boolean {
  if (typeof value !== 'object' || value === null) return false
  const kept = ptTokens.get(value)
  if (kept !== undefined) return kept !== null && kept.length > 0 && regexes.every((re) => kept.has(re))
  const text = portableText(value)
  if (text === null) return false
  const pending = new Set(regexes)
  let any = false
  someToken(text, (token) => {
    any = true
    for (const re of pending) if (re.test(token)) pending.delete(re)
    return pending.size === 0
  })
  return any && pending.size === 0
}

function portableTextTokens(value: unknown): TokenCounts | null {
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
