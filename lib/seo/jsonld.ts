import type { BreadcrumbList, Graph, Organization, Person, SearchAction, Thing, WebSite, WithActionConstraints } from 'schema-dts'

import type { Article, ArticleAuthor, ArticleCard, Author, Topic } from '@/lib/content'
import { absoluteImageUrl } from '@/lib/content/images'
import { paths } from '@/lib/routing/paths'

import { OG_IMAGE_SIZE } from './metadata'
import { absoluteUrl, SITE_NAME, siteUrl } from './urls'

/**
 * Structured data (schema.org JSON-LD) per page type, typed by schema-dts. Each page emits one
 * `@graph`; `serializeJsonLd` makes it safe to put inside a <script> element.
 */

const ORGANIZATION_ID = `${siteUrl}/#organization`
const WEBSITE_ID = `${siteUrl}/#website`

function graph(...nodes: Thing[]): Graph {
  return { '@context': 'https://schema.org', '@graph': nodes }
}

function organization(): Organization {
  return { '@type': 'Organization', '@id': ORGANIZATION_ID, name: SITE_NAME, url: absoluteUrl(paths.home) }
}

type Crumb = { name: string; path: string }

/** Home first; the last crumb is the page itself. */
export function breadcrumbs(crumbs: Crumb[]): BreadcrumbList {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: [{ name: 'Home', path: paths.home }, ...crumbs].map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.path),
    })),
  }
}

function person(author: Pick<ArticleAuthor, 'name' | 'slug' | 'role' | 'affiliation' | 'photo'>): Person {
  const url = absoluteUrl(paths.author(author.slug))
  return {
    '@type': 'Person',
    '@id': `${url}#person`,
    name: author.name,
    url,
    ...(author.role ? { jobTitle: author.role } : {}),
    ...(author.affiliation ? { affiliation: { '@type': 'Organization', name: author.affiliation } } : {}),
    ...(author.photo ? { image: absoluteImageUrl(author.photo, 600, 600) } : {}),
  }
}

/**
 * The image an article shows the world: the editor's main image, else the site's default card.
 * (Its generated card is not an option here: Next serves opengraph-image files inside a route
 * group under a hashed name, which only the resolved <head> metadata knows.)
 */
export function articleImageUrl(article: Pick<Article, 'mainImage'>): string {
  return article.mainImage
    ? absoluteImageUrl(article.mainImage, OG_IMAGE_SIZE.width, OG_IMAGE_SIZE.height)
    : absoluteUrl(paths.defaultOgImage)
}

export function articleJsonLd(article: Article): Graph {
  const url = absoluteUrl(paths.article(article.slug))
  return graph(
    {
      '@type': 'Article',
      '@id': `${url}#article`,
      headline: article.title,
      description: article.seo.description ?? article.standfirst,
      url,
      mainEntityOfPage: url,
      datePublished: article.publishedAt,
      dateModified: article._updatedAt,
      image: articleImageUrl(article),
      author: article.authors.map(person),
      publisher: organization(),
      articleSection: article.topics.map((topic) => topic.title),
      wordCount: article.wordCount,
      inLanguage: 'en',
    },
    breadcrumbs([
      { name: 'Insights', path: paths.insights },
      { name: article.title, path: paths.article(article.slug) },
    ]),
  )
}

export function authorJsonLd(author: Pick<Author, 'name' | 'slug' | 'role' | 'affiliation' | 'photo' | 'links'>): Graph {
  return graph(
    { ...(person(author) as Exclude<Person, string>), ...(author.links.length ? { sameAs: author.links.map((link) => link.url) } : {}) },
    breadcrumbs([{ name: author.name, path: paths.author(author.slug) }]),
  )
}

export function topicJsonLd(topic: Topic, articles: ArticleCard[]): Graph {
  const url = absoluteUrl(paths.topic(topic.slug))
  return graph(
    {
      '@type': 'CollectionPage',
      '@id': url,
      url,
      name: topic.title,
      ...(topic.description ? { description: topic.description } : {}),
      isPartOf: { '@id': WEBSITE_ID },
      hasPart: articles.map((article) => ({
        '@type': 'Article',
        headline: article.title,
        url: absoluteUrl(paths.article(article.slug)),
        datePublished: article.publishedAt,
      })),
    },
    breadcrumbs([
      { name: 'Insights', path: paths.insights },
      { name: topic.title, path: paths.topic(topic.slug) },
    ]),
  )
}

export function homeJsonLd(description: string): Graph {
  const search: WithActionConstraints<SearchAction> = {
    '@type': 'SearchAction',
    target: { '@type': 'EntryPoint', urlTemplate: absoluteUrl(paths.searchTemplate) },
    'query-input': 'required name=search_term_string',
  }
  const website: WebSite = {
    '@type': 'WebSite',
    '@id': WEBSITE_ID,
    name: SITE_NAME,
    url: absoluteUrl(paths.home),
    description,
    publisher: { '@id': ORGANIZATION_ID },
    potentialAction: search,
  }
  return graph(website, organization())
}

/**
 * JSON for a <script type="application/ld+json"> element. HTML does not parse inside that
 * element except for `</script` and `<!--`, so every `<`, `>` and `&` is written as a JSON
 * escape: the data reads the same, and no title or body can end the script early.
 * U+2028/2029 are escaped too, for parsers that treat them as line ends.
 */
export function serializeJsonLd(data: Graph | Thing): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
