import { Feed, type Item } from 'feed'

import type { FeedArticle } from '@/lib/content'
import { absoluteImageUrl } from '@/lib/content/images'
import { paths } from '@/lib/routing/paths'
import { absoluteUrl, SITE_NAME } from '@/lib/seo/urls'

/**
 * RSS 2.0, Atom 1.0 and JSON Feed from one description of a feed. Links are absolute, built
 * from NEXT_PUBLIC_SITE_URL. Standfirsts are plain text but every format reads the summary as
 * HTML, so they are HTML-escaped. Atom titles too, which it declares `type="html"`; RSS titles
 * stay text, unless they hold `]]>` twice: the library splits its CDATA at the first one only.
 * An article a feed cannot carry (a date that is not a date) is skipped and named in the log.
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

/** `&`, `<` and `>` as entities: text that reads the same as HTML, with no `]]>` left in it. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>]/g, (char) => HTML_ESCAPES[char] ?? char)
}

function xmlTitle(title: string, format: FeedFormat): string {
  return format === 'atom' || title.split(']]>').length > 2 ? escapeMarkup(title) : title
}

function newest(dates: string[]): Date | undefined {
  const times = dates.map((date) => Date.parse(date)).filter((time) => !Number.isNaN(time))
  return times.length ? new Date(Math.max(...times)) : undefined
}

/** Characters XML 1.0 cannot hold at all, escaped or not (C0 controls but tab and line ends, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

/**
 * Text for an XML attribute: the feed library escapes only `&` there, and `<` is not allowed in
 * one, so markup in a topic's title or slug would make the whole Atom feed unreadable.
 */
const attribute = (text: string) => text.replace(/[<>"]/g, (char) => HTML_ESCAPES[char] ?? char)

export function feedItem(article: FeedArticle, format: FeedFormat = 'rss'): Item {
  const link = absoluteUrl(paths.article(article.slug))
  const xml = (text: string) => (format === 'json' ? text : text.replace(NOT_XML, ''))
  const topicLink = (slug: string) => absoluteUrl(paths.topic(slug))
  return {
    id: link,
    link,
    title: format === 'json' ? article.title : xmlTitle(xml(article.title), format),
    description: escapeHtml(xml(article.standfirst)),
    // `date` is the last change (Atom <updated>, JSON date_modified); RSS pubDate uses `published`.
    date: new Date(article._updatedAt),
    published: new Date(article.publishedAt),
    // JSON Feed takes the first author, so an article without one must not send an empty list.
    ...(article.authors.length > 0
      ? { author: article.authors.map((author) => ({ name: xml(author.name), link: absoluteUrl(paths.author(author.slug)) })) }
      : {}),
    category: article.topics.map((topic) =>
      format === 'atom'
        ? { name: attribute(xml(topic.title)), term: attribute(xml(topic.slug)), scheme: topicLink(topic.slug) }
        : { name: xml(topic.title), term: xml(topic.slug), domain: topicLink(topic.slug), scheme: topicLink(topic.slug) },
    ),
    ...(article.mainImage ? { image: { url: absoluteImageUrl(article.mainImage, 1200, 675), type: 'image/png', length: 0 } } : {}),
  }
}

/** The items a feed can carry; an article it cannot is skipped and named in the log. */
function feedItems(articles: FeedArticle[], format: FeedFormat): Item[] {
  const items: Item[] = []
  for (const article of articles) {
    const item = feedItem(article, format)
    if ([item.date, item.published].some((date) => Number.isNaN(date?.getTime()))) {
      console.warn(`[feeds] skipped: article ${article._id} has a date that is not a date`)
      continue
    }
    items.push(item)
  }
  return items
}

export function buildFeed(source: FeedSource, format: FeedFormat = 'rss'): Feed {
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
  for (const item of feedItems(source.articles, format)) feed.addItem(item)
  return feed
}

export function renderFeed(source: FeedSource, format: FeedFormat): string {
  const feed = buildFeed(source, format)
  if (format === 'rss') return feed.rss2()
  if (format === 'atom') return feed.atom1()
  return feed.json1()
}
