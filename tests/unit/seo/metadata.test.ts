import type { Article } from '@/lib/content'
import { articleMetadata, insightsMetadata, searchMetadata, siteMetadata, topicMetadata } from '@/lib/seo/metadata'
import { siteUrl } from '@/lib/seo/urls'
import { leadershipArticle } from '@/tests/fixtures/content'

const feedUrls = (metadata: ReturnType<typeof articleMetadata>) =>
  Object.values(metadata.alternates?.types ?? {})
    .flat()
    .map((link) => (typeof link === 'object' && link && 'url' in link ? String(link.url) : String(link)))

describe('article metadata', () => {
  it('has a description, canonical URL, Open Graph article data and a large Twitter card', () => {
    const metadata = articleMetadata(leadershipArticle)
    expect(metadata.title).toBe(leadershipArticle.title)
    expect(metadata.description).toBe('How to “lead from behind”')
    expect(metadata.alternates?.canonical).toBe('/insights/shifting-position-of-leadership')
    expect(metadata.openGraph).toMatchObject({
      type: 'article',
      siteName: 'Insights',
      url: '/insights/shifting-position-of-leadership',
      publishedTime: '2018-08-14T09:00:00Z',
      modifiedTime: '2018-08-15T10:00:00Z',
      authors: [`${siteUrl}/authors/jennifer-jordan`],
      tags: ['Leadership', 'Digital transformation'],
    })
    expect(metadata.twitter).toMatchObject({ card: 'summary_large_image', title: leadershipArticle.title })
    expect(metadata.robots).toEqual({ index: true, follow: true })
  })

  it('uses the article’s own image for og:image, absolute, else leaves it to opengraph-image.tsx', () => {
    const withImage = articleMetadata(leadershipArticle).openGraph as { images: Array<{ url: string; width: number }> }
    expect(withImage.images[0]?.url).toMatch(new RegExp(`^${siteUrl}/.+w=1200&h=630`))
    const without = articleMetadata({ ...leadershipArticle, mainImage: null }).openGraph ?? {}
    // No `images` key at all: Next then uses the route's generated image.
    expect('images' in without).toBe(false)
  })

  it('lets the editor’s SEO fields override, and honours noindex', () => {
    const article: Article = { ...leadershipArticle, seo: { title: 'SEO title', description: 'SEO description', noindex: true } }
    const metadata = articleMetadata(article)
    expect(metadata.title).toBe('SEO title')
    expect(metadata.description).toBe('SEO description')
    expect(metadata.robots).toEqual({ index: false, follow: true })
  })

  it('links the site-wide RSS, Atom and JSON feeds', () => {
    expect(feedUrls(articleMetadata(leadershipArticle))).toEqual(['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json'])
  })
})

describe('other pages', () => {
  it('topic pages also link the topic’s own feeds', () => {
    const metadata = topicMetadata({ _id: 't', title: 'Leadership', slug: 'leadership', description: '' })
    expect(feedUrls(metadata)).toEqual([
      '/feeds/rss.xml',
      '/feeds/topics/leadership/rss.xml',
      '/feeds/atom.xml',
      '/feeds/topics/leadership/atom.xml',
      '/feeds/feed.json',
      '/feeds/topics/leadership/feed.json',
    ])
    expect(metadata.description).toBe('Insights on Leadership')
    expect(metadata.alternates?.canonical).toBe('/topics/leadership')
  })

  it('the layout sets metadataBase from the configured site URL and the title template', () => {
    const metadata = siteMetadata('About us')
    expect(metadata.metadataBase?.toString()).toBe(`${siteUrl}/`)
    expect(metadata.title).toEqual({ default: 'Insights', template: '%s | Insights' })
    // A page without its own canonical (a 404) must not inherit one.
    expect(metadata.alternates?.canonical).toBeUndefined()
  })

  it('listing pages are canonical per page; a topic filter points at the topic page', () => {
    expect(insightsMetadata(1, null).alternates?.canonical).toBe('/insights')
    expect(insightsMetadata(2, null).alternates?.canonical).toBe('/insights?page=2')
    expect(insightsMetadata(1, 'strategy').alternates?.canonical).toBe('/topics/strategy')
  })

  it('search results are never indexed', () => {
    expect(searchMetadata('x').robots).toEqual({ index: false, follow: true })
  })
})
