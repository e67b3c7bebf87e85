/**
 * Three things the Studio sends to Sanity's hosts whatever it is configured to do: a version check
 * (https://sanity-cdn.com/v1/modules/...) polled from the page, and a probe of its feedback
 * channel (POST https://api.sanity.io/vX/intake/feedback). On the embedded default there is no
 * network to reach and the page's Content-Security-Policy would block them with an error in the
 * console, so the Studio page answers them itself: an empty JSON body with status 503, which the
 * Studio reads as "no newer version known" and "feedback unavailable". Nothing leaves the machine.
 *
 * The third is the Studio's HTTP protocol check (`GET <api>/ping?tag=sanity.studio.protocol-check`,
 * read back from the browser's resource timing, the body cancelled): on HTTP/1.1 it warns the
 * editor that listeners may exhaust the browser's connections. Through the lake they share one
 * connection (sanity/lake-event-source.ts), so the page answers the check itself; with no timing
 * entry the Studio concludes nothing and shows nothing.
 *
 * Every other request goes to the real `fetch` untouched.
 */
const SANITY_HOSTS = /(^|\.)(sanity\.io|sanity-cdn\.com|sanity\.work)$/

let installed = false

export function isSanityHost(url: string, base: string): boolean {
  try {
    return SANITY_HOSTS.test(new URL(url, base).hostname)
  } catch {
    return false
  }
}

export function isProtocolCheck(url: string, base: string): boolean {
  try {
    const parsed = new URL(url, base)
    return (
      parsed.origin === new URL(base).origin &&
      parsed.pathname.endsWith('/ping') &&
      parsed.searchParams.get('tag') === 'sanity.studio.protocol-check'
    )
  } catch {
    return false
  }
}

/** Replaces `window.fetch` once, for this page. A no-op on the server. */
export function installOfflineFetch(): void {
  if (installed || typeof window === 'undefined') return
  installed = true
  const realFetch = window.fetch.bind(window)
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (isSanityHost(url, window.location.href) || isProtocolCheck(url, window.location.href)) {
      return Promise.resolve(new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } }))
    }
    return realFetch(input, init)
  }
}
