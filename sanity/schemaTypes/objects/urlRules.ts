import type { UrlRule } from 'sanity'

/**
 * URL checks shared by every link-like field. Each helper returns ONE rule: Sanity's `url` type
 * already carries a default `uri()` constraint, so a second rule derived from it would repeat
 * the scheme error under another message.
 */
export const WEB_SCHEMES = ['http', 'https']
export const LINK_SCHEMES = ['http', 'https', 'mailto']

export function requiredWebUrl(rule: UrlRule, what: string) {
  return rule.required().uri({ scheme: WEB_SCHEMES }).error(`${what} needs a web address that starts with http:// or https://`)
}

export function requiredLinkUrl(rule: UrlRule) {
  return rule.required().uri({ scheme: LINK_SCHEMES }).error('A link needs an address that starts with http://, https:// or mailto:')
}

/** A site path such as `/insights`, or a full http(s) address. Protocol-relative `//x` is refused. */
export function isSitePathOrWebUrl(value: string): boolean {
  return /^\/(?!\/)/.test(value) || /^https?:\/\/[^\s]+$/.test(value)
}
