import { PREFIX_MIN_CHARS } from './terms'

/**
 * Marks the searched words in a piece of text, as data: a list of plain and matched segments.
 * Nothing here produces HTML, so the renderer (components/Highlight.tsx) escapes every segment
 * as text and a title like `<img onerror=...>` stays text. The word rule is the one the search
 * uses (lib/search/terms.ts): whole words, and prefixes for words of 3+ characters.
 */
export interface Segment {
  text: string
  match: boolean
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu

function fold(word: string): string {
  return word.normalize('NFKC').toLocaleLowerCase('en')
}

export function wordMatches(word: string, terms: readonly string[]): boolean {
  const folded = fold(word)
  return terms.some((term) => folded === term || ([...term].length >= PREFIX_MIN_CHARS && folded.startsWith(term)))
}

export function highlight(text: string, terms: readonly string[]): Segment[] {
  const segments: Segment[] = []
  const push = (part: string, match: boolean) => {
    if (!part) return
    const last = segments[segments.length - 1]
    if (last && last.match === match && !match) last.text += part
    else segments.push({ text: part, match })
  }
  let cursor = 0
  if (terms.length > 0) {
    for (const found of text.matchAll(WORD)) {
      const word = found[0]
      const start = found.index ?? 0
      if (!wordMatches(word, terms)) continue
      push(text.slice(cursor, start), false)
      push(word, true)
      cursor = start + word.length
    }
  }
  push(text.slice(cursor), false)
  return segments
}

/**
 * A window of `text` around the first matched word, cut at word boundaries, with ellipses where
 * it was cut. Without a match, the opening of the text.
 */
export function excerpt(text: string, terms: readonly string[], maxChars = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= maxChars) return flat
  let first = -1
  for (const found of flat.matchAll(WORD)) {
    if (wordMatches(found[0], terms)) {
      first = found.index ?? 0
      break
    }
  }
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(maxChars / 3))
  let end = Math.min(flat.length, start + maxChars)
  start = Math.max(0, end - maxChars)
  if (start > 0) {
    const space = flat.indexOf(' ', start)
    if (space !== -1 && space < (first < 0 ? end : first)) start = space + 1
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end)
    if (space > start) end = space
  }
  return `${start > 0 ? '… ' : ''}${flat.slice(start, end)}${end < flat.length ? ' …' : ''}`
}
