import type { MetadataRoute } from 'next'

import { paths } from '@/lib/routing/paths'

import { absoluteUrl } from './urls'

/**
 * robots.txt: everything readers see may be crawled except search results (endless, thin
 * pages) and the API. The sitemap is named by its absolute URL, as the protocol asks.
 */
export function robotsRules(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/api/', paths.search] }],
    sitemap: absoluteUrl(paths.sitemap),
  }
}
