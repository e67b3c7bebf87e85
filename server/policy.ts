import type { OutgoingHttpHeaders } from 'node:http'

import { contentSourceDown } from '../lib/content/availability'
import { isStudioPath } from '../lib/routing/paths'

import { pagePolicy, type PolicyOptions, RESOURCE_POLICY, scriptSources } from './csp'
import type { HtmlResponse, HtmlRewrite } from './html-response'
import { RETRY_AFTER_SECONDS, unavailablePage } from './unavailable'

/**
 * The headers that depend on how the site is deployed or on the response itself. The ones that
 * never change (nosniff, referrer and permissions policies) are in next.config.js, so `next dev`
 * sends them too.
 */
export function responsePolicy(environment: NodeJS.ProcessEnv) {
  const secure = (environment.NEXT_PUBLIC_SITE_URL ?? '').startsWith('https:')
  const options: PolicyOptions = {
    frameAncestors: studioOrigins(environment.SANITY_STUDIO_URL),
    imageOrigins: environment.NEXT_PUBLIC_SANITY_PROJECT_ID ? ['https://cdn.sanity.io'] : [],
    upgradeInsecureRequests: secure,
  }
  // The Studio on a Sanity project talks to Sanity's API and shows its users' avatars.
  const studioOptions: PolicyOptions = environment.NEXT_PUBLIC_SANITY_PROJECT_ID
    ? {
        ...options,
        imageOrigins: [...options.imageOrigins, 'https:'],
        connectOrigins: ['https://api.sanity.io', 'https://*.api.sanity.io', 'wss://*.api.sanity.io'],
      }
    : options
  const transport: OutgoingHttpHeaders = secure ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}

  return {
    /**
     * `path`: the request's path, so the Studio's page gets the Studio's policy; `text`: the body
     * already decoded, when the caller has it.
     */
    html({ status, body }: HtmlResponse, path = '/', text?: string): HtmlRewrite {
      if (status >= 500 && contentSourceDown()) {
        return {
          headers: {
            ...transport,
            'content-security-policy': pagePolicy(["'none'"], options),
            'retry-after': String(RETRY_AFTER_SECONDS),
            'cache-control': 'no-store',
          },
          replace: { status: 503, body: Buffer.from(unavailablePage(environment.SITE_NAME ?? 'Insights')) },
        }
      }
      const pageOptions = isStudioPath(path) ? studioOptions : options
      return { headers: { ...transport, 'content-security-policy': pagePolicy(scriptSources(text ?? body.toString('utf8')), pageOptions) } }
    },
    other(): OutgoingHttpHeaders {
      return { ...transport, 'content-security-policy': RESOURCE_POLICY }
    },
  }
}

/**
 * The Location of a page's redirect (`redirect()`/`permanentRedirect()` in a page) when Next sent
 * its 307/308 without one: Next 16.4 keeps a redirect regenerated in the background (ISR) in its
 * cache with the status but without the Location header, and serves it so from then on. The page
 * still carries the redirect in its payload (`NEXT_REDIRECT;replace;<path>;308;`); only a path on
 * this site is taken from it. site-server.ts asks only when Next set no Location.
 */
export function redirectLocation({ status, body }: HtmlResponse): OutgoingHttpHeaders {
  if (status !== 307 && status !== 308) return {}
  const match = /NEXT_REDIRECT;(?:replace|push);(\/[^;"\\\s]*);30[78];/.exec(body.toString('utf8'))
  const location = match?.[1]
  return location && !location.startsWith('//') ? { location } : {}
}

/** `SANITY_STUDIO_URL`: where a Studio hosted elsewhere runs, so its Presentation tool may frame pages. */
function studioOrigins(value: string | undefined): string[] {
  if (!value) return []
  try {
    return [new URL(value).origin]
  } catch {
    throw new Error(`SANITY_STUDIO_URL must be an absolute URL like https://studio.example.org (got ${JSON.stringify(value)})`)
  }
}
