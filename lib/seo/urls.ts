import { env } from '@/lib/content/env'

/**
 * The absolute URLs that leave the site (canonical links, sitemaps, feeds, JSON-LD), for the
 * paths in lib/routing/paths.ts. They are built from NEXT_PUBLIC_SITE_URL only, never from the
 * request's Host header, so a spoofed host cannot end up in a cached page.
 */
export const SITE_NAME = 'Insights'

export const siteUrl: string = env.NEXT_PUBLIC_SITE_URL.replace(/\/+$/, '')

/** `https://site/path` for a site path (or the URL itself when it is already absolute). */
export function absoluteUrl(path: string, base: string = siteUrl): string {
  // Relative to the base *with* its path, so a site served under a prefix keeps it.
  return new URL(path.replace(/^\/+/, ''), `${base.replace(/\/+$/, '')}/`).toString()
}
