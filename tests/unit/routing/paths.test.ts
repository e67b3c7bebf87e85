import { isStudioPath, paths } from '@/lib/routing/paths'

describe('paths', () => {
  it('knows the Studio and its tools, and nothing that only begins like it', () => {
    for (const path of ['/studio', '/studio/', '/studio/structure/article']) expect(isStudioPath(path)).toBe(true)
    for (const path of ['/', '/studios', '/studio-tips', '/insights/studio']) expect(isStudioPath(path)).toBe(false)
  })

  it('links an article, an author and a topic by slug', () => {
    expect(paths.article('strategy-in-the-fog')).toBe('/insights/strategy-in-the-fog')
    expect(paths.author('jane-doe')).toBe('/authors/jane-doe')
    expect(paths.topic('strategy')).toBe('/topics/strategy')
  })

  it('percent-encodes non-ASCII slugs', () => {
    expect(paths.article('zürich-führung')).toBe('/insights/z%C3%BCrich-f%C3%BChrung')
    expect(paths.author('josé')).toBe('/authors/jos%C3%A9')
    expect(paths.topic('économie')).toBe('/topics/%C3%A9conomie')
  })

  it('keeps a slash, a question mark or a hash inside one path segment', () => {
    expect(paths.article('a/b')).toBe('/insights/a%2Fb')
    expect(paths.topic('a/b?c#d')).toBe('/topics/a%2Fb%3Fc%23d')
    expect(paths.topicFeeds('a/b')).toEqual({
      rss: '/feeds/topics/a%2Fb/rss.xml',
      atom: '/feeds/topics/a%2Fb/atom.xml',
      json: '/feeds/topics/a%2Fb/feed.json',
    })
  })

  it('leaves page 1 out of listing URLs and adds later pages', () => {
    expect(paths.insightsPage()).toBe('/insights')
    expect(paths.insightsPage({ page: 1 })).toBe('/insights')
    expect(paths.insightsPage({ page: 3 })).toBe('/insights?page=3')
    expect(paths.topic('strategy', { page: 1 })).toBe('/topics/strategy')
    expect(paths.topic('économie', { page: 2 })).toBe('/topics/%C3%A9conomie?page=2')
  })

  it('filters insights by topic, with the topic encoded as a query value', () => {
    expect(paths.insightsPage({ topic: 'strategy' })).toBe('/insights?topic=strategy')
    expect(paths.insightsPage({ topic: 'r&d', page: 2 })).toBe('/insights?topic=r%26d&page=2')
    expect(paths.insightsPage({ topic: null, page: 2 })).toBe('/insights?page=2')
  })

  it('carries the search query through result pages', () => {
    expect(paths.searchResults({ q: 'supply chain' })).toBe('/search?q=supply+chain')
    expect(paths.searchResults({ q: 'a&b=c', page: 2 })).toBe('/search?q=a%26b%3Dc&page=2')
    expect(paths.searchResults({ q: '', page: 2 })).toBe('/search?page=2')
  })
})
