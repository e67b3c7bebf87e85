import { cache } from 'react'
import { z } from 'zod'

import { matchPatterns, searchTerms } from '@/lib/search/terms'

import { fetchRaw } from './fetch'
import { type Article, articleBySlugQuery, articleSchema, articleSlugsQuery, articleSlugsSchema } from './queries/article'
import {
  ARTICLES_PER_PAGE,
  articlesPageQuery,
  articlesPageSchema,
  homeArticlesQuery,
  homeArticlesSchema,
} from './queries/articles'
import { type Author, authorBySlugQuery, authorSchema } from './queries/author'
import { type FeedArticle, feedArticleSchema, feedArticlesQuery } from './queries/feed'
import { type ArticleCard, articleCardSchema, researchLinkSchema, type ResearchLink } from './queries/fragments'
import { researchLinksQuery } from './queries/research'
import { SEARCH_RESULTS_PER_PAGE, type SearchHit, searchArticlesQuery, searchHitSchema, searchResultSchema } from './queries/search'
import { type SiteSettings, siteSettingsQuery, siteSettingsSchema } from './queries/settings'
import { type SitemapContent, sitemapListsSchema, sitemapPageSchema, sitemapQuery, sitemapSchema } from './queries/sitemap'
import { type Topic, topicBySlugQuery, topicSchema, topicsQuery } from './queries/topic'
import { tags } from './tags'
import { validateEach, validateResult } from './validate'

/**
 * The one door to content. Routes call these verbs; none of them sees a client or a GROQ string.
 * Not found is a return value (null or []); anything else that goes wrong is a ContentError.
 * Each is `cache()`d so generateMetadata and the page share one request.
 */

export const getArticle = cache(async (slug: string): Promise<Article | null> => {
  const name = 'articleBySlug'
  const raw = await fetchRaw({ name, query: articleBySlugQuery, params: { slug }, tags: [tags.article(slug), tags.articles, tags.authors, tags.topics, tags.researchLinks] })
  if (raw == null) return null
  const article = validateResult(name, articleSchema, raw)
  return { ...article, related: validateEach(`${name}.related`, articleCardSchema, article.related) }
})

export interface ArticlesPage {
  items: ArticleCard[]
  page: number
  pageCount: number
  total: number
}

export const getArticles = cache(async ({ page = 1, topic = null }: { page?: number; topic?: string | null } = {}): Promise<ArticlesPage> => {
  const name = 'articlesPage'
  const current = Number.isInteger(page) && page > 0 ? page : 1
  const start = (current - 1) * ARTICLES_PER_PAGE
  const raw = await fetchRaw({
    name,
    query: articlesPageQuery,
    params: { start, end: start + ARTICLES_PER_PAGE, topic },
    tags: topic ? [tags.articles, tags.topic(topic)] : [tags.articles],
  })
  const result = validateResult(name, articlesPageSchema, raw)
  return {
    items: validateEach(name, articleCardSchema, result.items),
    page: current,
    pageCount: Math.max(1, Math.ceil(result.total / ARTICLES_PER_PAGE)),
    total: result.total,
  }
})

export const getHomeArticles = cache(async (): Promise<{ featured: ArticleCard[]; latest: ArticleCard[] }> => {
  const name = 'homeArticles'
  const raw = await fetchRaw({ name, query: homeArticlesQuery, tags: [tags.articles] })
  const result = validateResult(name, homeArticlesSchema, raw)
  return {
    featured: validateEach(`${name}.featured`, articleCardSchema, result.featured),
    latest: validateEach(`${name}.latest`, articleCardSchema, result.latest),
  }
})

/** Slugs of the newest articles, for prebuilding. */
export async function getArticleSlugs(limit: number): Promise<string[]> {
  const name = 'articleSlugs'
  const raw = await fetchRaw({ name, query: articleSlugsQuery, params: { limit }, tags: [tags.articles] })
  return validateResult(name, articleSlugsSchema, raw)
}

export const getAuthor = cache(async (slug: string): Promise<(Omit<Author, 'articles'> & { articles: ArticleCard[] }) | null> => {
  const name = 'authorBySlug'
  const raw = await fetchRaw({ name, query: authorBySlugQuery, params: { slug }, tags: [tags.author(slug), tags.articles] })
  if (raw == null) return null
  const author = validateResult(name, authorSchema, raw)
  return { ...author, articles: validateEach(`${name}.articles`, articleCardSchema, author.articles) }
})

export const getTopic = cache(async (slug: string): Promise<Topic | null> => {
  const name = 'topicBySlug'
  const raw = await fetchRaw({ name, query: topicBySlugQuery, params: { slug }, tags: [tags.topic(slug), tags.topics] })
  return raw == null ? null : validateResult(name, topicSchema, raw)
})

export const getTopics = cache(async (): Promise<Topic[]> => {
  const name = 'topics'
  const raw = await fetchRaw({ name, query: topicsQuery, tags: [tags.topics] })
  return validateEach(name, topicSchema, validateResult(name, z.array(z.unknown()), raw))
})

export const getResearchLinks = cache(async (): Promise<ResearchLink[]> => {
  const name = 'researchLinks'
  const raw = await fetchRaw({ name, query: researchLinksQuery, tags: [tags.researchLinks] })
  return validateEach(name, researchLinkSchema, validateResult(name, z.array(z.unknown()), raw))
})

export const getSiteSettings = cache(async (): Promise<SiteSettings> => {
  const name = 'siteSettings'
  const raw = await fetchRaw({ name, query: siteSettingsQuery, tags: [tags.settings, tags.researchLinks] })
  return validateResult(name, siteSettingsSchema, raw ?? null)
})

/** The newest articles for a feed (FEED_ARTICLES of them), all or in one topic. */
export const getFeedArticles = cache(async (topic: string | null = null): Promise<FeedArticle[]> => {
  const name = 'feedArticles'
  const raw = await fetchRaw({
    name,
    query: feedArticlesQuery,
    params: { topic },
    tags: topic ? [tags.articles, tags.authors, tags.topics, tags.topic(topic)] : [tags.articles, tags.authors, tags.topics],
  })
  return validateEach(name, feedArticleSchema, validateResult(name, z.array(z.unknown()), raw))
})

/** Everything sitemap.xml lists; a malformed entry is skipped, not fatal. */
export const getSitemapContent = cache(async (): Promise<SitemapContent> => {
  const name = 'sitemap'
  const raw = await fetchRaw({ name, query: sitemapQuery, tags: [tags.articles, tags.authors, tags.topics, tags.researchLinks] })
  const lists = validateResult(name, sitemapListsSchema, raw)
  return validateResult(name, sitemapSchema, {
    articles: validateEach(`${name}.articles`, sitemapPageSchema, lists.articles),
    authors: validateEach(`${name}.authors`, sitemapPageSchema, lists.authors),
    topics: validateEach(`${name}.topics`, sitemapPageSchema, lists.topics),
    researchUpdatedAt: lists.researchUpdatedAt,
  })
})

export interface SearchResults {
  /** The sanitised words searched for; empty when the query had none (nothing was searched). */
  terms: string[]
  items: SearchHit[]
  page: number
  pageCount: number
  total: number
}

const searchPage = cache(async (q: string, page: number): Promise<SearchResults> => {
  const name = 'searchArticles'
  const terms = searchTerms(q)
  const current = Number.isInteger(page) && page > 0 ? page : 1
  if (terms.length === 0) return { terms, items: [], page: 1, pageCount: 0, total: 0 }
  const start = (current - 1) * SEARCH_RESULTS_PER_PAGE
  const raw = await fetchRaw({
    name,
    query: searchArticlesQuery,
    // The words travel as a parameter only; they are never part of the query text.
    params: { terms: matchPatterns(terms), start, end: start + SEARCH_RESULTS_PER_PAGE },
    tags: [tags.articles, tags.authors, tags.topics],
  })
  const result = validateResult(name, searchResultSchema, raw)
  return {
    terms,
    items: validateEach(name, searchHitSchema, result.items),
    page: current,
    pageCount: Math.ceil(result.total / SEARCH_RESULTS_PER_PAGE),
    total: result.total,
  }
})

/**
 * Articles matching what a reader typed, best first, SEARCH_RESULTS_PER_PAGE a page. Any input
 * is safe: it is reduced to words (lib/search/terms.ts); no words means no search.
 */
export function searchArticles({ q, page = 1 }: { q: string; page?: number }): Promise<SearchResults> {
  return searchPage(q, page)
}
