import type { SitemapContent } from '@/lib/content'
import { paths } from '@/lib/routing/paths'

import { absoluteUrl } from './urls'

/**
 * sitemap.xml as pure functions of the content. The protocol allows 50,000 URLs per file
 * (https://www.sitemaps.org/protocol.html#index); past that, /sitemap.xml becomes a sitemap
 * index of /sitemap/1.xml, /sitemap/2.xml, ... The limit is a parameter so tests can use 3.
 */
export const SITEMAP_URL_LIMIT = 50_000

export interface SitemapEntry {
  /** Absolute URL. */
  url: string
  /** ISO date-time of the last change, when known. */
  lastModified?: string
}

function latest(...dates: Array<string | null | undefined>): string | undefined {
  const known = dates.filter((date): date is string => !!date && !Number.isNaN(Date.parse(date)))
  if (known.length === 0) return undefined
  return known.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b))
}

/** Every indexable URL: static pages, articles (not `noindex` ones; the query leaves them out), authors, topics. */
export function sitemapEntries(content: SitemapContent): SitemapEntry[] {
  const newestArticle = latest(...content.articles.map((article) => article._updatedAt))
  const staticPages: SitemapEntry[] = [
    { url: absoluteUrl(paths.home), lastModified: newestArticle },
    { url: absoluteUrl(paths.insights), lastModified: newestArticle },
    { url: absoluteUrl(paths.research), lastModified: latest(content.researchUpdatedAt) },
  ]
  return [
    ...staticPages,
    ...content.articles.map((article) => ({ url: absoluteUrl(paths.article(article.slug)), lastModified: latest(article._updatedAt) })),
    ...content.authors.map((author) => ({
      url: absoluteUrl(paths.author(author.slug)),
      lastModified: latest(author._updatedAt, author.latestArticle),
    })),
    ...content.topics.map((topic) => ({
      url: absoluteUrl(paths.topic(topic.slug)),
      lastModified: latest(topic._updatedAt, topic.latestArticle),
    })),
  ]
}

/** The entries in parts of at most `limit` URLs. */
export function splitSitemap(entries: SitemapEntry[], limit: number = SITEMAP_URL_LIMIT): SitemapEntry[][] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`sitemap limit must be a positive integer, got ${limit}`)
  const parts: SitemapEntry[][] = []
  for (let start = 0; start < entries.length; start += limit) parts.push(entries.slice(start, start + limit))
  return parts
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
function xml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char)
}

function lastmod(date: string | undefined): string {
  return date ? `<lastmod>${xml(new Date(date).toISOString())}</lastmod>` : ''
}

export function urlsetXml(entries: SitemapEntry[]): string {
  const urls = entries.map((entry) => `<url><loc>${xml(entry.url)}</loc>${lastmod(entry.lastModified)}</url>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}

export function sitemapIndexXml(parts: SitemapEntry[]): string {
  const sitemaps = parts.map((part) => `<sitemap><loc>${xml(part.url)}</loc>${lastmod(part.lastModified)}</sitemap>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${sitemaps.join('\n')}\n</sitemapindex>\n`
}

/** /sitemap.xml: every URL while they fit in one file, else an index of the parts. */
export function sitemapXml(entries: SitemapEntry[], limit: number = SITEMAP_URL_LIMIT): string {
  if (entries.length <= limit) return urlsetXml(entries)
  const parts = splitSitemap(entries, limit).map((part, index) => ({
    url: absoluteUrl(paths.sitemapPart(index + 1)),
    lastModified: latest(...part.map((entry) => entry.lastModified)),
  }))
  return sitemapIndexXml(parts)
}

/** /sitemap/N.xml (N from 1), or null when there is no such part (or no index at all). */
export function sitemapPartXml(entries: SitemapEntry[], part: number, limit: number = SITEMAP_URL_LIMIT): string | null {
  if (entries.length <= limit || !Number.isInteger(part) || part < 1) return null
  const chunk = splitSitemap(entries, limit)[part - 1]
  return chunk ? urlsetXml(chunk) : null
}
