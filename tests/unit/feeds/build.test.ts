import Parser from 'rss-parser'

import type { FeedArticle } from '@/lib/content'
import { type FeedSource, renderFeed } from '@/lib/feeds/build'
import { paths } from '@/lib/routing/paths'
import { siteUrl } from '@/lib/seo/urls'
import { hybridTeamsArticleCard, leadershipArticleCard } from '@/tests/fixtures/content'

const articles: FeedArticle[] = [
  { ...hybridTeamsArticleCard, _updatedAt: '2021-03-05T08:00:00Z' },
  {
    ...leadershipArticleCard,
    title: 'Leading <b>& “quoting”</b> ]]> safely',
    standfirst: 'Less < more & <script>x</script>',
    _updatedAt: '2018-08-15T10:00:00Z',
  },
]
const source: FeedSource = {
  title: 'Insights: all insights',
  description: 'The newest insights.',
  path: paths.insights,
  feeds: paths.feeds,
  articles,
}
const parser = new Parser()

describe('renderFeed', () => {
  it('RSS 2.0 parses, with absolute links, dates, authors and topics', async () => {
    const feed = await parser.parseString(renderFeed(source, 'rss'))
    expect(feed.title).toBe('Insights: all insights')
    expect(feed.link).toBe(`${siteUrl}/insights`)
    expect(feed.items.map((item) => item.link)).toEqual([
      `${siteUrl}/insights/leading-hybrid-teams`,
      `${siteUrl}/insights/shifting-position-of-leadership`,
    ])
    expect(new Date(feed.items[0]?.pubDate ?? '').toISOString()).toBe('2021-03-02T08:00:00.000Z')
    // A category carries the topic's page as its domain.
    expect(feed.items[0]?.categories).toEqual([{ _: 'Leadership', $: { domain: `${siteUrl}/topics/leadership` } }])
    expect(feed.items[0]?.contentSnippet).toBe('Distance changes how trust is built')
    expect(feed.items[1]?.title).toBe('Leading <b>& “quoting”</b> ]]> safely')
    // The standfirst is text: its markup arrives escaped, never as elements.
    expect(feed.items[1]?.content).toBe('Less &lt; more &amp; &lt;script&gt;x&lt;/script&gt;')
  })

  it('Atom parses, with updated and published dates and author names', async () => {
    const atom = new Parser<object, { published: string; updated: string; author: unknown }>({
      customFields: { item: ['published', 'updated', 'author'] },
    })
    const [first] = (await atom.parseString(renderFeed(source, 'atom'))).items
    expect(first?.link).toBe(`${siteUrl}/insights/leading-hybrid-teams`)
    expect(first?.published).toBe('2021-03-02T08:00:00.000Z')
    expect(first?.updated).toBe('2021-03-05T08:00:00.000Z')
    expect(JSON.stringify(first?.author)).toContain('Jennifer Jordan')
  })

  it('JSON Feed has the required shape', () => {
    const feed = JSON.parse(renderFeed(source, 'json'))
    expect(feed.version).toMatch(/^https:\/\/jsonfeed\.org\/version\/1/)
    expect(feed.feed_url).toBe(`${siteUrl}/feeds/feed.json`)
    expect(feed.home_page_url).toBe(`${siteUrl}/insights`)
    expect(feed.items).toHaveLength(2)
    expect(feed.items[0]).toMatchObject({
      id: `${siteUrl}/insights/leading-hybrid-teams`,
      url: `${siteUrl}/insights/leading-hybrid-teams`,
      title: hybridTeamsArticleCard.title,
      content_html: 'Distance changes how trust is built',
      date_published: '2021-03-02T08:00:00.000Z',
      author: { name: 'Jennifer Jordan', url: `${siteUrl}/authors/jennifer-jordan` },
      tags: ['Leadership'],
    })
  })
})
