/**
 * Cache tags, all in one place. Each loader declares the tags of what it reads; the revalidation
 * webhook maps a changed document to the same tags (`tagsForDocument`).
 */
export const tags = {
  articles: 'type:article',
  article: (slug: string) => `article:${slug}`,
  authors: 'type:author',
  author: (slug: string) => `author:${slug}`,
  topics: 'type:topic',
  topic: (slug: string) => `topic:${slug}`,
  researchLinks: 'type:researchHubLink',
  settings: 'type:siteSettings',
} as const

/** The tags a change to one document invalidates. */
export function tagsForDocument(doc: { _type: string; slug?: string | null }): string[] {
  switch (doc._type) {
    case 'article':
      return doc.slug ? [tags.articles, tags.article(doc.slug)] : [tags.articles]
    case 'author':
      // Article pages show author names and bios.
      return doc.slug ? [tags.authors, tags.author(doc.slug), tags.articles] : [tags.authors, tags.articles]
    case 'topic':
      return doc.slug ? [tags.topics, tags.topic(doc.slug), tags.articles] : [tags.topics, tags.articles]
    case 'researchHubLink':
      return [tags.researchLinks, tags.articles, tags.settings]
    case 'siteSettings':
      return [tags.settings]
    default:
      return []
  }
}
