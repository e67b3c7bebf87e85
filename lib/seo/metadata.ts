import type { Metadata } from 'next'

import type { Article, Author, SanityImage, Topic } from '@/lib/content'
import { absoluteImageUrl } from '@/lib/content/images'
import { paths } from '@/lib/routing/paths'

import { absoluteUrl, SITE_NAME, siteUrl } from './urls'

/**
 * Page metadata, built in one place so every route says the same things the same way. Next
 * merges metadata one key deep: a page that sets `openGraph` or `alternates` replaces the
 * layout's whole object, so each builder returns complete ones (feeds, site name, image).
 * Metadata never carries stega: it is built from published fields only.
 */

export const OG_IMAGE_SIZE = { width: 1200, height: 630 } as const

type OgImage = { url: string; width?: number; height?: number; alt?: string; type?: string }
type FeedSet = { rss: string; atom: string; json: string }

const DEFAULT_OG_IMAGE: OgImage = { url: paths.defaultOgImage, ...OG_IMAGE_SIZE, alt: SITE_NAME, type: 'image/png' }

function feedLinks(feeds: FeedSet, title: string) {
  return {
    'application/rss+xml': [{ url: feeds.rss, title: `${title} (RSS)` }],
    'application/atom+xml': [{ url: feeds.atom, title: `${title} (Atom)` }],
    'application/feed+json': [{ url: feeds.json, title: `${title} (JSON Feed)` }],
  }
}

/** `<link rel="alternate">` to the site's feeds, plus a topic's own when given. */
export function feedAlternates(topic?: Pick<Topic, 'slug' | 'title'>) {
  const site = feedLinks(paths.feeds, `${SITE_NAME}: all insights`)
  if (!topic) return site
  const own = feedLinks(paths.topicFeeds(topic.slug), `${SITE_NAME}: ${topic.title}`)
  return {
    'application/rss+xml': [...site['application/rss+xml'], ...own['application/rss+xml']],
    'application/atom+xml': [...site['application/atom+xml'], ...own['application/atom+xml']],
    'application/feed+json': [...site['application/feed+json'], ...own['application/feed+json']],
  }
}

export interface PageSeo {
  /** The page's own title; the layout's template appends the site name. Omit on the home page. */
  title?: string
  description: string
  /** Site path of the canonical URL, e.g. `/insights/some-slug`. */
  path: string
  /** `'file'`: the route's own opengraph-image file supplies it. Default: the site's image. */
  images?: OgImage[] | 'file'
  noindex?: boolean
  topic?: Pick<Topic, 'slug' | 'title'>
  openGraph?: { type: 'article'; publishedTime: string; modifiedTime: string; authors: string[]; tags: string[] } | { type: 'profile' }
}

/** Metadata for one page: description, canonical URL, feeds, Open Graph, Twitter card, robots. */
export function pageMetadata({ title, description, path, images, noindex = false, topic, openGraph }: PageSeo): Metadata {
  const ogTitle = title ?? SITE_NAME
  const ogImages = images === 'file' ? {} : { images: images ?? [DEFAULT_OG_IMAGE] }
  return {
    ...(title ? { title } : {}),
    description,
    alternates: { canonical: path, types: feedAlternates(topic) },
    openGraph: {
      siteName: SITE_NAME,
      locale: 'en_GB',
      url: path,
      title: ogTitle,
      description,
      ...(openGraph ?? { type: 'website' as const }),
      ...ogImages,
    },
    // Twitter reuses the Open Graph image (Next copies it over when none is given here).
    twitter: { card: 'summary_large_image', title: ogTitle, description },
    robots: noindex ? { index: false, follow: true } : { index: true, follow: true },
  }
}

/**
 * The root layout's defaults: absolute URLs resolve against the configured site URL. No
 * canonical here: a page that sets none (a 404, say) must not claim to be the home page.
 */
export function siteMetadata(description: string): Metadata {
  return {
    metadataBase: new URL(`${siteUrl}/`),
    title: { default: SITE_NAME, template: `%s | ${SITE_NAME}` },
    description,
    applicationName: SITE_NAME,
    alternates: { types: feedAlternates() },
    openGraph: { siteName: SITE_NAME, locale: 'en_GB', type: 'website', title: SITE_NAME, description, images: [DEFAULT_OG_IMAGE] },
    twitter: { card: 'summary_large_image', title: SITE_NAME, description },
    // No robots here: Next marks 404s noindex, and a layout default would contradict it.
  }
}

function ogImageOf(image: SanityImage): OgImage {
  return { url: absoluteImageUrl(image, OG_IMAGE_SIZE.width, OG_IMAGE_SIZE.height), ...OG_IMAGE_SIZE, alt: image.alt }
}

export function articleMetadata(article: Article): Metadata {
  return pageMetadata({
    title: article.seo.title ?? article.title,
    description: article.seo.description ?? article.standfirst,
    path: paths.article(article.slug),
    // The editor's image when there is one; otherwise the generated card (opengraph-image.tsx).
    images: article.mainImage ? [ogImageOf(article.mainImage)] : 'file',
    noindex: article.seo.noindex,
    openGraph: {
      type: 'article',
      publishedTime: article.publishedAt,
      modifiedTime: article._updatedAt,
      authors: article.authors.map((author) => absoluteUrl(paths.author(author.slug))),
      tags: article.topics.map((topic) => topic.title),
    },
  })
}

export function authorMetadata(author: Pick<Author, 'name' | 'slug' | 'role' | 'affiliation' | 'photo'>): Metadata {
  return pageMetadata({
    title: author.name,
    description: [author.role, author.affiliation].filter(Boolean).join(', ') || `Articles by ${author.name}`,
    path: paths.author(author.slug),
    images: author.photo ? [{ url: absoluteImageUrl(author.photo, 600, 600), width: 600, height: 600, alt: author.photo.alt }] : undefined,
    openGraph: { type: 'profile' },
  })
}

export function topicMetadata(topic: Topic, page = 1): Metadata {
  return pageMetadata({
    title: page > 1 ? `${topic.title} (page ${page})` : topic.title,
    description: topic.description || `Insights on ${topic.title}`,
    path: paths.topic(topic.slug, { page }),
    topic,
  })
}

/** Search result pages are for readers, not for search engines: never indexed. */
export function searchMetadata(query: string): Metadata {
  return pageMetadata({
    title: query ? `Search: ${query}` : 'Search',
    description: 'Search insights by title, standfirst, article text and author.',
    path: paths.search,
    noindex: true,
  })
}

/** /insights, its pages, and its topic filter (whose canonical page is the topic's own). */
export function insightsMetadata(page: number, topic: string | null): Metadata {
  return pageMetadata({
    title: page > 1 ? `All insights (page ${page})` : 'All insights',
    description: 'Every insight, newest first.',
    path: topic ? paths.topic(topic, { page }) : paths.insightsPage({ page }),
  })
}
