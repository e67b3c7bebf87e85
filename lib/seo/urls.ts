import { env } from '@/lib/content/env'

/**
 * Where things live on the site, as paths and as the absolute URLs that leave it (canonical
 * links, sitemaps, feeds, JSON-LD). Absolute URLs are built from NEXT_PUBLIC_SITE_URL only, never
 * from the request's Host header, so a spoofed host cannot end up in a cached page.
 */
export const SITE_NAME = 'Insights'

export const paths = {
  home: '/',
  insights: '/insights',
  research: '/research',
  search: '/search',
  article: (slug: string) => `/insights/${encodeURIComponent(slug)}`,
  author: (slug: string) => `/authors/${encodeURIComponent(slug)}`,
  topic: (slug: string) => `/topics/${encodeURIComponent(slug)}`,
  defaultOgImage: '/opengraph-image',
  feeds: {
    rss: '/feeds/rss.xml',
    atom: '/feeds/atom.xml',
    json: '/feeds/feed.json',
  },
  topicFeeds: (slug: string) => ({
    rss: `/feeds/topics/${encodeURIComponent(slug)}/rss.xml`,
    atom: `/feeds/topics/${encodeURIComponent(slug)}/atom.xml`,
    json: `/feeds/topics/${encodeURIComponent(slug)}/feed.json`,
  }),
  sitemap: '/sitemap.xml',
  sitemapPart: (part: number) => `/sitemap/${part}.xml`,
} as const

export const siteUrl: string = env.NEXT_PUBLIC_SITE_URL.replace(/\/+$/, '')

/** `https://site/path` for a site path (or the URL itself when it is already absolute). */
export function absoluteUrl(path: string, base: string = siteUrl): string {
  // Relative to the base *with* its path, so a site served under a prefix keeps it.
  return new URL(path.replace(/^\/+/, ''), `${base.replace(/\/+$/, '')}/`).toString()
}
