import type { Article } from '@/lib/content'
import { articleJsonLd, authorJsonLd, homeJsonLd, serializeJsonLd, topicJsonLd } from '@/lib/seo/jsonld'
import { siteUrl } from '@/lib/seo/urls'
import { hybridTeamsArticleCard, leadershipArticle } from '@/tests/fixtures/content'

type Node = Record<string, unknown>
const nodes = (data: { '@graph': readonly unknown[] }) => data['@graph'] as Node[]
const ofType = (data: { '@graph': readonly unknown[] }, type: string) => nodes(data).find((node) => node['@type'] === type) as Node

const crumbs = (data: { '@graph': readonly unknown[] }) =>
  (ofType(data, 'BreadcrumbList').itemListElement as Node[]).map((item) => [item.position, item.name, item.item])

describe('Article JSON-LD', () => {
  const data = articleJsonLd(leadershipArticle)
  const article = ofType(data, 'Article')

  it('describes the article with the fields search engines require', () => {
    expect(data['@context']).toBe('https://schema.org')
    expect(article).toMatchObject({
      headline: 'The shifting position of leadership in a time of digital disruption',
      description: 'How to “lead from behind”',
      datePublished: '2018-08-14T09:00:00Z',
      dateModified: '2018-08-15T10:00:00Z',
      url: `${siteUrl}/insights/shifting-position-of-leadership`,
    })
    expect(article.image).toMatch(new RegExp(`^${siteUrl}/.+w=1200&h=630`))
    expect(article.author).toEqual([
      expect.objectContaining({
        '@type': 'Person',
        name: 'Jennifer Jordan',
        url: `${siteUrl}/authors/jennifer-jordan`,
        jobTitle: 'Professor of Leadership and Organizational Behavior',
      }),
    ])
    expect(article.publisher).toMatchObject({ '@type': 'Organization', name: 'Insights', url: `${siteUrl}/` })
  })

  it('prefers the editor’s SEO description and falls back to the site’s default image', () => {
    const withSeo: Article = {
      ...leadershipArticle,
      mainImage: null,
      seo: { title: null, description: 'For search results', noindex: false },
    }
    const node = ofType(articleJsonLd(withSeo), 'Article')
    expect(node.description).toBe('For search results')
    expect(node.image).toBe(`${siteUrl}/opengraph-image`)
  })

  it('has breadcrumbs Home > Insights > the article', () => {
    expect(crumbs(data)).toEqual([
      [1, 'Home', `${siteUrl}/`],
      [2, 'Insights', `${siteUrl}/insights`],
      [3, leadershipArticle.title, `${siteUrl}/insights/shifting-position-of-leadership`],
    ])
  })
})

describe('author, topic and home JSON-LD', () => {
  it('an author page is a Person with breadcrumbs', () => {
    const [author] = leadershipArticle.authors
    const data = authorJsonLd({ ...author!, links: [{ label: 'Faculty page', url: 'https://www.imd.org/faculty/jj/' }] })
    expect(ofType(data, 'Person')).toMatchObject({
      name: 'Jennifer Jordan',
      url: `${siteUrl}/authors/jennifer-jordan`,
      affiliation: { '@type': 'Organization', name: 'IMD' },
      sameAs: ['https://www.imd.org/faculty/jj/'],
    })
    expect(crumbs(data)).toEqual([
      [1, 'Home', `${siteUrl}/`],
      [2, 'Jennifer Jordan', `${siteUrl}/authors/jennifer-jordan`],
    ])
  })

  it('a topic page is a collection of its articles with breadcrumbs', () => {
    const data = topicJsonLd({ _id: 't', title: 'Leadership', slug: 'leadership', description: 'Leading people' }, [hybridTeamsArticleCard])
    expect(ofType(data, 'CollectionPage')).toMatchObject({
      name: 'Leadership',
      url: `${siteUrl}/topics/leadership`,
      description: 'Leading people',
    })
    expect(ofType(data, 'CollectionPage').hasPart).toEqual([
      expect.objectContaining({ headline: hybridTeamsArticleCard.title, url: `${siteUrl}/insights/leading-hybrid-teams` }),
    ])
    expect(crumbs(data).map(([, name]) => name)).toEqual(['Home', 'Insights', 'Leadership'])
  })

  it('the home page is the WebSite, with its search action, and the Organization', () => {
    const data = homeJsonLd('Ideas for leaders')
    expect(ofType(data, 'WebSite')).toMatchObject({ name: 'Insights', url: `${siteUrl}/`, description: 'Ideas for leaders' })
    expect(ofType(data, 'WebSite').potentialAction).toMatchObject({ target: { urlTemplate: `${siteUrl}/search?q={search_term_string}` } })
    expect(ofType(data, 'Organization')).toMatchObject({ name: 'Insights' })
  })
})

describe('serializeJsonLd', () => {
  const hostile = '</script><script>alert("x")</script><!-- & \u2028'
  const article: Article = { ...leadershipArticle, title: hostile, standfirst: `</SCRIPT >${hostile}` }

  it('cannot be closed early by a title or standfirst containing </script>', () => {
    const json = serializeJsonLd(articleJsonLd(article))
    expect(json).not.toMatch(/<\/script/i)
    expect(json).not.toContain('<')
    expect(json).not.toContain('<!--')
    expect(json).toContain('\\u003c/script\\u003e')
  })

  it('still parses back to exactly the same data', () => {
    const data = articleJsonLd(article)
    const parsed = JSON.parse(serializeJsonLd(data))
    expect(parsed).toEqual(JSON.parse(JSON.stringify(data)))
    expect(ofType(parsed, 'Article').headline).toBe(hostile)
  })
})
