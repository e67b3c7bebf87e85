import type { LakeDocument } from './ndjson'
import { publishedId } from './perspective'

/*
 * GROQ `match` as groq-js 1.30 evaluates it (src/shared/matching.ts and the `match` operator):
 * the text is tokenized (`matchTokenize`: dots at word edges removed, then runs of characters
 * that are not separators), each pattern string becomes one regular expression per term
 * (`matchPatternRegex`: `*` is `.*`, nothing else is escaped, case-insensitive), and `a match b`
 * is true when every term's expression matches at least one token of `a`. Copied here so the
 * index tokenizes exactly as the evaluator does; tests/unit/lake/text-index.test.ts holds the
 * two side by side.
 */
const CHARS = /([^!@#$%^&*(),\\/?";:{}|[\]+<>\s-])+/g
const CHARS_WITH_WILDCARD = /([^!@#$%^&(),\\/?";:{}|[\]+<>\s-])+/g
const EDGE_CHARS = /(\b\.+|\.+\b)/g
const MAX_TERM_LENGTH = 1024

/**
 * Calls `visit` with each token `matchTokenize` gives, in order, until it returns true; true when
 * one did. The same tokens: the edge dots are removed from the whole text first, and the token
 * expression's matches are walked one by one (String.prototype.match with a global expression
 * returns the same matches).
 */
export function someToken(text: string, visit: (token: string) => boolean): boolean {
  const stripped = text.replace(EDGE_CHARS, '')
  const tokens = new RegExp(CHARS.source, 'g')
  for (let m = tokens.exec(stripped); m !== null; m = tokens.exec(stripped)) if (visit(m[0])) return true
  return false
}

export function matchTokenize(text: string): string[] {
  return text.replace(EDGE_CHARS, '').match(CHARS) || []
}

export function matchPatternRegex(text: string): RegExp[] {
  const terms = text.replace(EDGE_CHARS, '').match(CHARS_WITH_WILDCARD) || []
  return terms.map((term) => new RegExp(`^${term.slice(0, MAX_TERM_LENGTH).replace(/\*/g, '.*')}$`, 'i'))
}

/**
 * The regular expressions a `match` pattern value stands for, as groq-js gathers them: a string,
 * or an array of strings. Null when the pattern makes `match` false for every text (another type,
 * an array holding a non-string, or no terms at all: groq-js's `matchText` is false without
 * patterns).
 */
export function patternRegexes(pattern: unknown): RegExp[] | null {
  let strings: string[]
  if (typeof pattern === 'string') strings = [pattern]
  else if (Array.isArray(pattern) && pattern.every((p) => typeof p === 'string')) strings = pattern as string[]
  else return null
  const out = strings.flatMap(matchPatternRegex)
  return out.length > 0 ? out : null
}

/**
 * Every token a `match` on a text the planner indexes (plan/index-terms.ts: an attribute path,
 * `pt::text(path)`, or such a path on a referenced document) can see in a document: the strings
 * reached through attributes (attribute access never enters an array), with the strings that are
 * elements of an array so reached (groq-js's `match` reads those), and the text of each
 * portable-text block so reached or in such an array, at any depth of nested arrays (`pt::text`
 * joins a block's spans with nothing between them, so a word can span two spans; blocks are
 * joined by a blank line, which no token crosses).
 */
export function documentTokens(doc: unknown): Set<string> {
  const out = new Set<string>()
  const add = (text: string) => {
    for (const token of matchTokenize(text)) out.add(token)
  }
  const block = (value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return
    const text = blockText(value as Record<string, unknown>)
    if (text !== null) add(text)
  }
  const inArray = (list: unknown[], nested: boolean) => {
    for (const v of list) {
      if (typeof v === 'string') {
        if (!nested) add(v)
      } else if (Array.isArray(v)) inArray(v, true)
      else block(v)
    }
  }
  const walk = (value: unknown) => {
    if (typeof value === 'string') add(value)
    else if (Array.isArray(value)) inArray(value, false)
    else if (typeof value === 'object' && value !== null) {
      block(value)
      for (const v of Object.values(value)) walk(v)
    }
  }
  walk(doc)
  return out
}

/** groq-js's `blockText` (src/evaluator/pt.ts): the text of a block's spans, or null. */
export function blockText(obj: Record<string, unknown>): string | null {
  if (typeof obj['_type'] !== 'string') return null
  const children = obj['children']
  if (!Array.isArray(children)) return null
  let result = ''
  for (const child of children) {
    if (child && typeof child === 'object' && child._type === 'span' && typeof child.text === 'string') result += child.text
  }
  return result
}

/** Every string `_ref` in a document, at any depth (also inside objects that have one). */
function allRefs(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) allRefs(v, out)
  else if (typeof value === 'object' && value !== null) {
    const ref = (value as { _ref?: unknown })._ref
    if (typeof ref === 'string') out.add(ref)
    for (const v of Object.values(value)) allRefs(v, out)
  }
  return out
}

/**
 * An inverted index of the text of one dataset, shared by every version of it and by all their
 * views, for narrowing the candidates of filters that use `match` (see plan/index-terms.ts).
 *
 * It only grows: a write adds the tokens of each document it stores, under the document's id and
 * its published id (the id the published and drafts perspectives show it under), and removes
 * nothing. So for any version since the index was built, the ids listed under a token include
 * every document of that version whose text has the token (the index gives a superset, and the
 * filter still tests each candidate); a query still running on an older version is not disturbed
 * by a write. Ids are turned back into documents through the view's own id map, so an id that is
 * gone, or a document whose text changed, costs a test and nothing else. `worn` counts what was
 * added since the build; past the number of documents built from, the next version starts a new
 * index (a walk over all documents, once per as many written documents).
 */
export class TextIndex {
  /** Token -> numbers of the ids (in `ids`) whose documents have it; a number may repeat after writes. */
  private readonly postings = new Map<string, number[]>()
  private readonly referrers = new Map<string, number[]>()
  private readonly ids: string[] = []
  private readonly numbers = new Map<string, number>()
  private readonly lookups = new Map<string, ReadonlySet<string>>()
  private readonly referringLookups = new Map<string, ReadonlySet<string>>()
  /** Tokens by their first UTF-16 code unit. */
  private readonly byFirst = new Map<number, string[]>()
  private readonly built: number
  private added = 0

  constructor(docs: readonly LakeDocument[]) {
    for (const doc of docs) this.add(doc)
    this.built = docs.length
    this.added = 0
  }

  /** Worn out: as many documents added since the build as it was built from. */
  get worn(): boolean {
    return this.added > Math.max(this.built, 1000)
  }

  private number(id: string): number {
    let n = this.numbers.get(id)
    if (n === undefined) {
      n = this.ids.length
      this.ids.push(id)
      this.numbers.set(id, n)
    }
    return n
  }

  /** Adds the text and references of a stored document (a write's new version). */
  add(doc: LakeDocument): void {
    this.added++
    this.lookups.clear()
    this.referringLookups.clear()
    const published = publishedId(doc._id)
    const keys = doc._id === published ? [this.number(doc._id)] : [this.number(doc._id), this.number(published)]
    const tokens = documentTokens(doc)
    // The perspectives show a stored document with `_id` its published id and `_originalId`.
    for (const token of matchTokenize(published)) tokens.add(token)
    for (const token of tokens) {
      const list = this.postings.get(token)
      if (list) list.push(...keys)
      else {
        this.postings.set(token, [...keys])
        const first = token.charCodeAt(0)
        const bucket = this.byFirst.get(first)
        if (bucket) bucket.push(token)
        else this.byFirst.set(first, [token])
      }
    }
    for (const ref of allRefs(doc, new Set())) {
      const list = this.referrers.get(ref)
      if (list) list.push(...keys)
      else this.referrers.set(ref, [...keys])
    }
  }

  /** Ids of documents with a token that `re` matches (every token is tested: exact, never a guess). */
  withToken(re: RegExp): ReadonlySet<string> {
    const key = `${re.source}/${re.flags}`
    let found = this.lookups.get(key)
    if (!found) {
      const numbers = new Set<number>()
      for (const token of this.tokensFor(re)) if (re.test(token)) for (const n of this.postings.get(token)!) numbers.add(n)
      found = new Set([...numbers].map((n) => this.ids[n]!))
      if (this.lookups.size > 256) this.lookups.clear()
      this.lookups.set(key, found)
    }
    return found
  }

  /**
   * The tokens `re` may match. A pattern's expression (`matchPatternRegex`: `^term$`, flag `i`)
   * whose term starts with an ASCII letter or digit matches only tokens that start with it, in
   * either case: without the `u` flag, case-insensitive matching compares characters upper-cased,
   * and never takes a character of 128 or more to one below (ECMA-262 Canonicalize).
   */
  private tokensFor(re: RegExp): Iterable<string> {
    const first = /^\^([A-Za-z0-9])/.exec(re.source)?.[1]
    if (re.flags !== 'i' || !first) return this.postings.keys()
    const lower = this.byFirst.get(first.toLowerCase().charCodeAt(0)) ?? []
    const upper = first.toUpperCase() === first.toLowerCase() ? [] : (this.byFirst.get(first.toUpperCase().charCodeAt(0)) ?? [])
    return [...lower, ...upper]
  }

  /** Ids of documents with a `_ref` (anywhere) to a document with a token that `re` matches. */
  referringToken(re: RegExp): ReadonlySet<string> {
    const key = `${re.source}/${re.flags}`
    let found = this.referringLookups.get(key)
    if (!found) {
      found = this.referring(this.withToken(re))
      if (this.referringLookups.size > 256) this.referringLookups.clear()
      this.referringLookups.set(key, found)
    }
    return found
  }

  /** Ids of documents with a `_ref` (anywhere) to one of `targets`. */
  referring(targets: ReadonlySet<string>): Set<string> {
    const out = new Set<string>()
    for (const target of targets) for (const n of this.referrers.get(target) ?? []) out.add(this.ids[n]!)
    return out
  }
}
