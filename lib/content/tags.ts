/**
 * Cache tags, all in one place: which tags each fetch declares, and which tags a change to one
 * document revalidates (`tagsForChange`). lib/content/README.md has the plan as one table.
 *
 * Next needs a fetch's tags before it runs, so a fetch is tagged with what it asks for: a page's
 * document by its slug (`article:<slug>`), a listing by what it lists (`list:article`). What a
 * page shows of other documents (an article's authors, topics, research links, related cards)
 * is not tagged on the page; instead the webhook, given a changed document, asks the content
 * source which published documents reference it and revalidates their pages (`Dependents`).
 */
export const tags = {
  /** An article's page (and its OpenGraph image), by slug. */
  article: (slug: string) => `article:${slug}`,
  /** An author's page, by slug. */
  author: (slug: string) => `author:${slug}`,
  /** A topic's own document (topic page heading, topic feeds), by slug. */
  topic: (slug: string) => `topic:${slug}`,
  /** Every listing of article cards: home, /insights, topic and author pages' lists, feeds, sitemap, search, prebuilt slugs. */
  articles: 'list:article',
  /** Every listing of authors (the sitemap). */
  authors: 'list:author',
  /** Every listing of topics (/insights' topic filter, the sitemap). */
  topics: 'list:topic',
  /** Every listing of research links (/research, the sitemap). */
  researchLinks: 'list:researchHubLink',
  /** The site settings: header, footer, "Discover our latest research" on every page. */
  settings: 'settings',
} as const

export type ChangeOperation = 'create' | 'update' | 'delete'

/** One changed document, as the webhook's projection (lib/revalidate/projection.ts) describes it. */
export interface DocumentChange {
  _id: string
  _type: string
  operation: ChangeOperation
  /** Its slug now (before the change, for a delete). */
  slug: string | null
  /** Its slug before the change (null for a create). */
  previousSlug: string | null
  /** For an article: its old slugs, which redirect to it, before or after the change. */
  oldSlugs?: string[]
  /** For an article: the topics it was in before or is in after the change. */
  topics: string[]
  /** Whether a field other documents' cards and pages show (title, name, slug) changed. */
  cardChanged: boolean
}

/** What the content source says, after the change, about the documents that show the changed one. */
export interface Dependents {
  /** Published documents that reference the changed one: their pages show it. */
  referrers: Array<{ _id: string; _type: string; slug: string | null }>
  /**
   * Slugs of articles whose "Related articles" may show a changed card: those that reference a
   * card holder (editor's pick) or share a topic with one. The card holders are the changed
   * article itself, or, when an author's name or a topic's title changed, the articles showing it.
   */
  relatedPages: string[]
}

export const NO_DEPENDENTS: Dependents = { referrers: [], relatedPages: [] }

/** The articles whose cards a change alters, by id: the question `Dependents.relatedPages` answers. */
export function cardHolders(change: DocumentChange, referrers: Dependents['referrers']): string[] {
  if (change._type === 'article') return [change._id]
  if ((change._type === 'author' || change._type === 'topic') && change.cardChanged) {
    return referrers.filter((doc) => doc._type === 'article').map((doc) => doc._id)
  }
  return []
}

/** The tags a change revalidates: the changed document's own, then those of the documents showing it. */
export function tagsForChange(change: DocumentChange, dependents: Dependents = NO_DEPENDENTS): string[] {
  const out = new Set<string>()
  const slugs = [change.slug, change.previousSlug].filter((slug): slug is string => Boolean(slug))
  const cardsChanged = cardHolders(change, dependents.referrers).length > 0
  switch (change._type) {
    case 'article':
      for (const slug of [...slugs, ...(change.oldSlugs ?? [])]) out.add(tags.article(slug))
      // Membership, order or a card changed: every listing (their topics' and authors' pages included).
      out.add(tags.articles)
      break
    case 'author':
      for (const slug of slugs) out.add(tags.author(slug))
      // The sitemap lists every author with the date it last changed.
      out.add(tags.authors)
      if (cardsChanged) out.add(tags.articles)
      break
    case 'topic':
      for (const slug of slugs) out.add(tags.topic(slug))
      out.add(tags.topics)
      if (cardsChanged) out.add(tags.articles)
      break
    case 'researchHubLink':
      out.add(tags.researchLinks)
      break
    case 'siteSettings':
      out.add(tags.settings)
      break
    default:
      return []
  }
  // Article pages show a topic's title and slug only; everything else of the other types.
  const articlesShowIt = change._type !== 'topic' || change.cardChanged
  for (const doc of dependents.referrers) {
    if (doc._type === 'article' && doc.slug && articlesShowIt) out.add(tags.article(doc.slug))
    if (doc._type === 'siteSettings') out.add(tags.settings)
  }
  for (const slug of dependents.relatedPages) out.add(tags.article(slug))
  return [...out]
}
