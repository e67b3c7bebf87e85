import type { StructureResolver } from 'sanity/structure'

import { SITE_SETTINGS_ID } from './schemaTypes'

/** The lists an editor works in, in the order they appear, with the names they read. */
const LISTS = [
  { type: 'article', title: 'Articles' },
  { type: 'author', title: 'Authors' },
  { type: 'topic', title: 'Topics' },
  { type: 'researchHubLink', title: 'Research links' },
] as const

/**
 * Studio desk: the content lists by name, and site settings opened as one document (there is
 * exactly one, id `siteSettings`; sanity.config.ts keeps it from being created again or deleted).
 * Plug in with `structureTool({ structure })`.
 */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      ...LISTS.map(({ type, title }) => S.documentTypeListItem(type).title(title)),
      S.divider(),
      S.listItem()
        .title('Site settings')
        .id(SITE_SETTINGS_ID)
        .child(S.document().schemaType('siteSettings').documentId(SITE_SETTINGS_ID).title('Site settings')),
    ])
