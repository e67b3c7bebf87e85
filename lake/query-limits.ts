import { LakeError } from './errors'

/** Query text, in either method. The site's longest query is under 2 KB. */
export const MAX_QUERY_BYTES = 32_000
/**
 * Tokens a query may have (names, numbers, strings, punctuation). Parsing and planning cost grows
 * faster than the query (a 50,000-term sum took minutes), so this caps their cost before any
 * parsing; the site's longest query has about 530 tokens.
 */
export const MAX_QUERY_TOKENS = 3_000
const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\S/g

/** Refuses queries over the size and token limits with a 400 before they reach a worker. */
export function checkQueryLimits(groq: string): void {
  if (Buffer.byteLength(groq) > MAX_QUERY_BYTES) {
    throw new LakeError(400, 'queryTooLarge', `Query is longer than the limit of ${MAX_QUERY_BYTES} bytes`)
  }
  let tokens = 0
  TOKEN.lastIndex = 0
  while (TOKEN.exec(groq)) {
    if (++tokens > MAX_QUERY_TOKENS) throw new LakeError(400, 'queryTooComplex', `Query has more than ${MAX_QUERY_TOKENS} tokens`)
  }
}
