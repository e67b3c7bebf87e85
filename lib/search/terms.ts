/**
 * Turns whatever a reader typed into search words. Only letters, marks and digits survive (in
 * any script); everything else, quotes, GROQ syntax like `*]{`, `$param`, backslashes, is a word
 * break. The words are capped in number and length, so a 1,000-character query costs no more
 * than a short one. The result is only ever passed to the content source as a parameter.
 */
export const MAX_QUERY_CHARS = 200
export const MAX_TERMS = 8
export const MAX_TERM_CHARS = 40
/** Words at least this long also match as prefixes: "lead" finds "leadership". */
export const PREFIX_MIN_CHARS = 3

const WORD = /[\p{L}\p{M}\p{N}]+/gu

export function searchTerms(raw: unknown): string[] {
  if (typeof raw !== 'string') return []
  const text = raw
    .slice(0, MAX_QUERY_CHARS * 2)
    .normalize('NFKC')
    .slice(0, MAX_QUERY_CHARS)
    .toLocaleLowerCase('en')
  const words: string[] = []
  for (const [word] of text.matchAll(WORD)) {
    const capped = [...word].slice(0, MAX_TERM_CHARS).join('')
    if (!words.includes(capped)) words.push(capped)
    if (words.length === MAX_TERMS) break
  }
  return words
}

/** GROQ `match` patterns for the words: longer words match as prefixes (`word*`). */
export function matchPatterns(terms: readonly string[]): string[] {
  return terms.map((term) => ([...term].length >= PREFIX_MIN_CHARS ? `${term}*` : term))
}

/** The query as the search box shows it again: trimmed and capped, never interpreted. */
export function displayQuery(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim().slice(0, MAX_QUERY_CHARS) : ''
}
