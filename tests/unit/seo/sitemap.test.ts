import { XMLParser } from 'fast-xml-parser'

import type { SitemapContent } from '@/lib/content'
import { type SitemapEntry, sitemapEntries, sitemapPartXml, sitemapXml, splitSitemap, urlsetXml } from '@/lib/seo/sitemap'
import { siteUrl } from '@/lib/seo/urls'

const parser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' })
const entries = (count: number): SitemapEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    url: `${siteUrl}/insights/a-${i}`,
    lastModified: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
  }))

const content: SitemapContent = {
  articles: [
    { slug: 'first', _updatedAt: '2024-05-01T10:00:00Z' },
    { slug: 'second', _updatedAt: '2024-06-01T10:00:00Z' },
  ],
  authors: [{ slug: 'jennifer-jordan', _updatedAt: '2020-01-01T00:00:00Z', latestArticle: '2024-06-01T10:00:00Z' }],
  topics: [{ slug: 'leadership', _updatedAt: '2023-01-01T00:00:00Z', latestArticle: null }],
  researchUpdatedAt: '2022-02-02T00:00:00Z',
}

describe('sitemap entries', () => {
  it('lists static pages, articles, authors and topics as absolute URLs with lastmod', () => {
    const list = sitemapEntries(content)
    expect(list.map((entry) => entry.url)).toEqual([
      `${siteUrl}/`,
      `${siteUrl}/insights`,
      `${siteUrl}/research`,
      `${siteUrl}/insights/first`,
      `${siteUrl}/insights/second`,
      `${siteUrl}/authors/jennifer-jordan`,
      `${siteUrl}/topics/leadership`,
    ])
    // The home page changes with the newest article; an author page with their latest article.
    expect(list[0]?.lastModified).toBe('2024-06-01T10:00:00Z')
    expect(list[5]?.lastModified).toBe('2024-06-01T10:00:00Z')
    expect(list[6]?.lastModified).toBe('2023-01-01T00:00:00Z')
  })

  it('escapes URLs in the XML', () => {
    const xml = urlsetXml([{ url: `${siteUrl}/a?b=1&c=<2>` }])
    expect(xml).toContain('<loc>' + `${siteUrl}/a?b=1&amp;c=&lt;2&gt;` + '</loc>')
  })
})

describe('splitting past the limit', () => {
  it('is one urlset while the URLs fit in one file', () => {
    const doc = parser.parse(sitemapXml(entries(3), 3))
    expect(doc.urlset.url).toHaveLength(3)
    expect(doc.sitemapindex).toBeUndefined()
    expect(sitemapPartXml(entries(3), 1, 3)).toBeNull()
  })

  it('becomes an index of parts of at most `limit` URLs once there are more', () => {
    const all = entries(7)
    const index = parser.parse(sitemapXml(all, 3))
    expect(index.urlset).toBeUndefined()
    expect(index.sitemapindex.sitemap.map((part: { loc: string }) => part.loc)).toEqual([
      `${siteUrl}/sitemap/1.xml`,
      `${siteUrl}/sitemap/2.xml`,
      `${siteUrl}/sitemap/3.xml`,
    ])
    expect(index.sitemapindex.sitemap[0].lastmod).toBe('2024-01-03T00:00:00.000Z')

    const parts = [1, 2, 3].map((n) => parser.parse(sitemapPartXml(all, n, 3) ?? '').urlset.url.map((url: { loc: string }) => url.loc))
    expect(parts.map((part) => part.length)).toEqual([3, 3, 1])
    expect(parts.flat()).toEqual(all.map((entry) => entry.url))
    expect(sitemapPartXml(all, 4, 3)).toBeNull()
    expect(sitemapPartXml(all, 0, 3)).toBeNull()
  })

  it('splits evenly at the boundary and refuses a nonsense limit', () => {
    expect(splitSitemap(entries(6), 3).map((part) => part.length)).toEqual([3, 3])
    expect(splitSitemap([], 3)).toEqual([])
    expect(() => splitSitemap(entries(2), 0)).toThrow(RangeError)
  })
})
