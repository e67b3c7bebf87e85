import type { StructureResolver } from 'sanity/structure'

import { SITE_SETTINGS_ID, singletonTypes } from './schemaTypes'

/**
 * Studio desk: site settings open as one document (there is exactly one, id `siteSettings`),
 * every other document type is a list. Plug in with `structureTool({ structure })`.
 */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .title('Site settings')
        .id(SITE_SETTINGS_ID)
        .child(S.document().schemaType('siteSettings').documentId(SITE_SETTINGS_ID).title('Site settings')),
      S.divider(),
      ...S.documentTypeListItems().filter((item) => !singletonTypes.has(item.getId() ?? '')),
    ])
