/**
 * Which editor-written links may become an href: a path on this site (`/insights`, never the
 * protocol-relative `//host`), or an http(s) or mailto: URL. Parsed the way a browser parses it,
 * so `java\tscript:` or ` javascript:` are refused too.
 */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

export function isSitePath(href: string): boolean {
  return /^\/(?![/\\])/.test(href) && !/[\u0000-\u001f]/.test(href)
}

/** The href as a browser would follow it, or null when it must not become a link. */
export function safeUrl(href: unknown): string | null {
  if (typeof href !== 'string') return null
  try {
    const url = new URL(href.trim())
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null
  } catch {
    return null
  }
}

export function isSafeLink(href: string): boolean {
  return isSitePath(href) || (safeUrl(href) !== null && href === href.trim())
}
