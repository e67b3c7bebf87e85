import { cache } from 'react'

import { matchPatterns, searchTerms } from '@/lib/search/terms'

import { ContentError } from './errors'
import { loadDocument, loadList } from './load'
import {
  type Article,
  articleBySlugQuery,
  articleLists,
  articleRedirectQuery,
  articleRedirectSchema,
  articleSchema,
  articleSlugSchema,
  articleSlugsQuery,
} from './queries/article'
import { ARTICLES_PER_PAGE, articlesPageQuery, homeArticlesQuery, homeArticlesSchema } from './queries/articles'
import { type Author, authorBySlugQuery, authorLists, authorSchema } from './queries/author'
import { type FeedArticle, feedArticleSchema, feedArticlesQuery } from './queries/feed'
import { type ArticleCard, articleCardSchema, pagedResultSchema, researchLinkSchema, type ResearchLink } from './queries/fragments'
import { referrerSchema, referrersQuery, relatedPageSchema, relatedPagesQuery } from './queries/dependents'
import { researchLinksQuery } from './queries/research'
import { SEARCH_RESULTS_PER_PAGE, type SearchHit, searchArticlesQuery, searchHitSchema } from './queries/search'
import { DEFAULT_SETTINGS_VALUE, type SiteSettings, siteSettingsQuery, siteSettingsSchema } from './queries/settings'
import { type SitemapContent, sitemapLists, sitemapQuery, sitemapSchema } from './queries/sitemap'
import { type Topic, topicBySlugQuery, topicSchema, topicsQuery } from './queries/topic'
import { cardHolders, type Dependents, type DocumentChange, tags } from './tags'

/**
 * The one door to content. Routes call these verbs; none of them sees a client or a GROQ string.
 * Not found is a return value (null or []); anything else that goes wrong is a ContentError.
 *
 * Each is `cache()`d so generateMetadata and the page share one request. cache() compares
 * arguments one by one with Object.is, so loaders take primitives (an object literal is new on
 * every call and never hits) and no optional ones (`f(1)` and `f(1, null)` are different keys).
 */

export const getArticle = cache(async (slug: string): Promise<Article | null> =>
  loadDocument({
    name: 'articleBySlug',
    query: articleBySlugQuery,
    params: { slug },
    // Authors, topics, research links and related cards shown here: the webhook finds this page
    // among the documents referencing them (tags.ts).
    tags: [tags.article(slug)],
    schema: articleSchema,
    lists: articleLists,
  }),
)

interface ArticlesPage {
  items: ArticleCard[]
  page: number
  pageCount: number
  total: number
}

/** Page `page` of every article, newest first, or of those in the topic `topicSlug`. */
export const getArticles = cache(async (page: number, topicSlug: string | null): Promise<ArticlesPage> => {
  const { current, start, end } = pageWindow(page, ARTICLES_PER_PAGE)
  const result = await loadDocument({
    name: 'articlesPage',
    query: articlesPageQuery,
    params: { start, end, topic: topicSlug },
    tags: topicSlug ? [tags.articles, tags.topic(topicSlug)] : [tags.articles],
    schema: pagedResultSchema,
    lists: { items: articleCardSchema },
  })
  const total = result?.total ?? 0
  return { items: result?.items ?? [], page: current, pageCount: Math.max(1, Math.ceil(total / ARTICLES_PER_PAGE)), total }
})

export const getHomeArticles = cache(async (): Promise<{ featured: ArticleCard[]; latest: ArticleCard[] }> => {
  const result = await loadDocument({
    name: 'homeArticles',
    query: homeArticlesQuery,
    tags: [tags.articles],
    schema: homeArticlesSchema,
    lists: { featured: articleCardSchema, latest: articleCardSchema },
  })
  return result ?? { featured: [], latest: [] }
})

/**
 * The article a reader may see: null when there is none, and when it fails validation (logged,
 * naming document and field), so a malformed article answers 404 like an unpublished one and
 * never fails a build or a page with a 500.
 */
export const findArticle = cache(async (slug: string): Promise<Article | null> => nullWhenInvalid(getArticle(slug)))

/** A document that fails validation reads as none, and a warning names it; other errors stay errors. */
async function nullWhenInvalid<T>(load: Promise<T | null>): Promise<T | null> {
  try {
    return await load
  } catch (error) {
    if (!(error instanceof ContentError) || error.code !== 'invalid_document') throw error
    console.warn(`[content] skipped: ${error.message}`)
    return null
  }
}

/**
 * Where an old slug of an article now leads: the current slug of the article that keeps it among
 * its old slugs, or null. Tagged like the article's page at that slug, so the change that adds or
 * drops the old slug (whose webhook names it) revalidates the redirect.
 */
export const findArticleRedirect = cache(async (slug: string): Promise<string | null> => {
  const target = await nullWhenInvalid(
    loadDocument({
      name: 'articleRedirect',
      query: articleRedirectQuery,
      params: { slug },
      tags: [tags.article(slug)],
      schema: articleRedirectSchema,
    }),
  )
  return target && target.slug !== slug ? target.slug : null
})

/**
 * Slugs of the newest articles that render, for prebuilding: a malformed one is skipped (and
 * named in the log), and so are slugs that are not the same once put in a URL, which render on
 * first request instead.
 */
export async function getArticleSlugs(limit: number): Promise<string[]> {
  const slugs = await loadList({
    name: 'articleSlugs',
    query: articleSlugsQuery,
    params: { limit },
    tags: [tags.articles],
    schema: articleSlugSchema,
  })
  const unique = [...new Set(slugs)].filter((slug) => encodeURIComponent(slug) === slug)
  const articles = await Promise.all(unique.map((slug) => findArticle(slug)))
  return unique.filter((_, index) => articles[index] != null)
}

/** The author, or null when there is none or it fails validation (logged): its page is a 404. */
export const getAuthor = cache(async (slug: string): Promise<Author | null> =>
  nullWhenInvalid(
    loadDocument({
      name: 'authorBySlug',
      query: authorBySlugQuery,
      params: { slug },
      tags: [tags.author(slug), tags.articles],
      schema: authorSchema,
      lists: authorLists,
    }),
  ),
)

/** The topic, or null when there is none or it fails validation (logged): its pages are 404s. */
export const getTopic = cache(async (slug: string): Promise<Topic | null> =>
  nullWhenInvalid(
    loadDocument({
      name: 'topicBySlug',
      query: topicBySlugQuery,
      params: { slug },
      tags: [tags.topic(slug)],
      schema: topicSchema,
    }),
  ),
)

export const getTopics = cache(async (): Promise<Topic[]> =>
  loadList({ name: 'topics', query: topicsQuery, tags: [tags.topics], schema: topicSchema }),
)

export const getResearchLinks = cache(async (): Promise<ResearchLink[]> =>
  loadList({ name: 'researchLinks', query: researchLinksQuery, tags: [tags.researchLinks], schema: researchLinkSchema }),
)

/** The site's settings; the defaults when there is no settings document. */
export const getSiteSettings = cache(async (): Promise<SiteSettings> => {
  const settings = await loadDocument({
    name: 'siteSettings',
    query: siteSettingsQuery,
    tags: [tags.settings],
    schema: siteSettingsSchema,
  })
  return settings ?? DEFAULT_SETTINGS_VALUE
})

/** The newest articles for a feed (FEED_ARTICLES of them): all (`null`) or in the topic `topicSlug`. */
export const getFeedArticles = cache(async (topicSlug: string | null): Promise<FeedArticle[]> =>
  loadList({
    name: 'feedArticles',
    query: feedArticlesQuery,
    params: { topic: topicSlug },
    tags: topicSlug ? [tags.articles, tags.topic(topicSlug)] : [tags.articles],
    schema: feedArticleSchema,
  }),
)

/** Everything sitemap.xml lists; a malformed entry is skipped, not fatal. */
export const getSitemapContent = cache(async (): Promise<SitemapContent> => {
  const content = await loadDocument({
    name: 'sitemap',
    query: sitemapQuery,
    tags: [tags.articles, tags.authors, tags.topics, tags.researchLinks],
    schema: sitemapSchema,
    lists: sitemapLists,
  })
  return content ?? { articles: [], authors: [], topics: [], researchUpdatedAt: null }
})

export interface SearchResults {
  /** The sanitised words searched for; empty when the query had none (nothing was searched). */
  terms: string[]
  items: SearchHit[]
  page: number
  pageCount: number
  total: number
}

/**
 * Articles matching what a reader typed, best first, SEARCH_RESULTS_PER_PAGE a page. Any input
 * is safe: it is reduced to words (lib/search/terms.ts); no words means no search.
 */
export const searchArticles = cache(async (q: string, page: number): Promise<SearchResults> => {
  const terms = searchTerms(q)
  if (terms.length === 0) return { terms, items: [], page: 1, pageCount: 0, total: 0 }
  const { current, start, end } = pageWindow(page, SEARCH_RESULTS_PER_PAGE)
  const result = await loadDocument({
    name: 'searchArticles',
    query: searchArticlesQuery,
    // The words travel as a parameter only; they are never part of the query text.
    params: { terms: matchPatterns(terms), start, end },
    tags: [tags.articles],
    schema: pagedResultSchema,
    lists: { items: searchHitSchema },
  })
  const total = result?.total ?? 0
  return { terms, items: result?.items ?? [], page: current, pageCount: Math.ceil(total / SEARCH_RESULTS_PER_PAGE), total }
})

/**
 * The published documents that show `change`'s document, read fresh from the source (no cache):
 * those referencing it, and the articles whose related cards it alters (tags.ts, `Dependents`).
 * For the revalidation webhook; not cached, so never called while rendering.
 */
export async function findDependents(change: DocumentChange): Promise<Dependents> {
  const referrers = await loadList({
    name: 'referrers',
    query: referrersQuery,
    params: { id: change._id },
    tags: [],
    fresh: true,
    schema: referrerSchema,
  })
  const holders = cardHolders(change, referrers)
  const shown = referrers.map(({ _id, _type, slug }) => ({ _id, _type, slug }))
  if (holders.length === 0) return { referrers: shown, relatedPages: [] }
  const topics =
    change._type === 'article' ? change.topics : referrers.filter((doc) => holders.includes(doc._id)).flatMap((doc) => doc.topics)
  const relatedPages = await loadList({
    name: 'relatedPages',
    query: relatedPagesQuery,
    params: { holders, topics: [...new Set(topics)] },
    tags: [],
    fresh: true,
    schema: relatedPageSchema,
  })
  return { referrers: shown, relatedPages }
}

/** Which slice of a paged list `page` asks for; anything but a positive integer is page 1. */
function pageWindow(page: number, perPage: number) {
  const current = Number.isInteger(page) && page > 0 ? page : 1
  const start = (current - 1) * perPage
  return { current, start, end: start + perPage }
}
