import { Feed, type Item } from 'feed'

import type { FeedArticle } from '@/lib/content'
import { absoluteImageUrl } from '@/lib/content/images'
import { paths } from '@/lib/routing/paths'
import { absoluteUrl, SITE_NAME } from '@/lib/seo/urls'

/**
 * RSS 2.0, Atom 1.0 and JSON Feed from one description of a feed. Links are absolute, built
 * from NEXT_PUBLIC_SITE_URL. Standfirsts are plain text but every format reads the summary as
 * HTML, so they are HTML-escaped.
 */
export type FeedFormat = 'rss' | 'atom' | 'json'

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

export interface FeedSource {
  title: string
  description: string
  /** The page the feed mirrors, e.g. `/insights` or `/topics/strategy`. */
  path: string
  feeds: { rss: string; atom: string; json: string }
  articles: FeedArticle[]
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}

function newest(dates: string[]): Date | undefined {
  const times = dates.map((date) => Date.parse(date)).filter((time) => !Number.isNaN(time))
  return times.length ? new Date(Math.max(...times)) : undefined
}

export function feedItem(article: FeedArticle): Item {
  const link = absoluteUrl(paths.article(article.slug))
  return {
    id: link,
    link,
    title: article.title,
    description: escapeHtml(article.standfirst),
    // `date` is the last change (Atom <updated>, JSON date_modified); RSS pubDate uses `published`.
    date: new Date(article._updatedAt),
    published: new Date(article.publishedAt),
    author: article.authors.map((author) => ({ name: author.name, link: absoluteUrl(paths.author(author.slug)) })),
    category: article.topics.map((topic) => ({ name: topic.title, term: topic.slug, domain: absoluteUrl(paths.topic(topic.slug)), scheme: absoluteUrl(paths.topic(topic.slug)) })),
    ...(article.mainImage ? { image: { url: absoluteImageUrl(article.mainImage, 1200, 675), type: 'image/png', length: 0 } } : {}),
  }
}

export function buildFeed(source: FeedSource): Feed {
  const home = absoluteUrl(source.path)
  const feed = new Feed({
    id: home,
    link: home,
    title: source.title,
    description: source.description,
    language: 'en',
    updated: newest(source.articles.map((article) => article._updatedAt)) ?? new Date(0),
    generator: SITE_NAME,
    copyright: `© ${SITE_NAME}`,
    author: { name: SITE_NAME, link: absoluteUrl(paths.home) },
    feedLinks: {
      rss: absoluteUrl(source.feeds.rss),
      atom: absoluteUrl(source.feeds.atom),
      json: absoluteUrl(source.feeds.json),
    },
  })
  for (const article of source.articles) feed.addItem(feedItem(article))
  return feed
}

export function renderFeed(source: FeedSource, format: FeedFormat): string {
  const feed = buildFeed(source)
  if (format === 'rss') return feed.rss2()
  if (format === 'atom') return feed.atom1()
  return feed.json1()
}
