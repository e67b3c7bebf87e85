/** Public surface of the content door: loaders, their result types, errors and helpers. */
export * from './loaders'
export { ContentError } from './errors'
export type { Article, ArticleAuthor } from './queries/article'
export type { Author } from './queries/author'
export type { ArticleCard, PortableTextValue, ResearchLink, SanityImage, TopicSummary } from './queries/fragments'
export { DEFAULT_SETTINGS_VALUE, type SiteSettings } from './queries/settings'
export type { Topic } from './queries/topic'
export { readingMinutes } from './queries/fragments'
export type { FeedArticle } from './queries/feed'
export type { SearchHit } from './queries/search'
export type { SitemapContent } from './queries/sitemap'
export {
  checkPreviewSecret,
  checkShareLink,
  getPreviewState,
  getSharedArticle,
  isDraftMode,
  signGrant,
  type PreviewState,
  type ShareLinkCheck,
} from './preview'
