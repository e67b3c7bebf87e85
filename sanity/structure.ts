import { CogIcon } from '@sanity/icons'
import type { DocumentActionsResolver, NewDocumentOptionsResolver, SanityDefinedAction, SortOrderingItem, TemplateResolver } from 'sanity'
import type { StructureResolver } from 'sanity/structure'

import { article } from './schemaTypes/documents/article'
import { author } from './schemaTypes/documents/author'
import { researchHubLink } from './schemaTypes/documents/researchHubLink'
import { topic } from './schemaTypes/documents/topic'
import { SITE_SETTINGS_ID, singletonTypes } from './schemaTypes'

/**
 * The lists an editor works in, in the order they appear, with the names they read. Each list
 * opens in the type's first ordering (articles newest first); the others stay in the list's menu.
 */
export const LISTS = [
  { type: article.name, title: 'Articles', ordering: article.orderings?.[0]?.by },
  { type: author.name, title: 'Authors', ordering: author.orderings?.[0]?.by },
  { type: topic.name, title: 'Topics', ordering: topic.orderings?.[0]?.by },
  { type: researchHubLink.name, title: 'Research links', ordering: researchHubLink.orderings?.[0]?.by },
] satisfies { type: string; title: string; ordering: SortOrderingItem[] | undefined }[]

/**
 * Studio desk: the content lists by name, and site settings opened as one document (there is
 * exactly one, id `siteSettings`). Plug in with `structureTool({ structure })`, and keep the
 * singleton single with the three resolvers below.
 */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      ...LISTS.map(({ type, title, ordering }) =>
        S.documentTypeListItem(type)
          .title(title)
          .child(
            S.documentTypeList(type)
              .title(title)
              .defaultOrdering(ordering ?? []),
          ),
      ),
      S.divider(),
      S.listItem()
        .title('Site settings')
        .id(SITE_SETTINGS_ID)
        .icon(CogIcon)
        .child(S.document().schemaType('siteSettings').documentId(SITE_SETTINGS_ID).title('Site settings')),
    ])

/** What an editor can do to a singleton: publish it, discard a draft, restore an old version. Never delete, duplicate or unpublish. */
export const SINGLETON_ACTIONS: ReadonlySet<SanityDefinedAction> = new Set<SanityDefinedAction>(['publish', 'discardChanges', 'restore'])

/** `document.actions`: a singleton keeps only SINGLETON_ACTIONS; other types keep every action. */
export const singletonActions: DocumentActionsResolver = (actions, context) =>
  singletonTypes.has(context.schemaType)
    ? actions.filter(({ action }) => action !== undefined && (SINGLETON_ACTIONS as ReadonlySet<string>).has(action))
    : actions

/** `schema.templates`: no template creates a singleton (the Studio opens the one document instead). */
export const singletonTemplates: TemplateResolver = (templates) => templates.filter((template) => !singletonTypes.has(template.schemaType))

/** `document.newDocumentOptions`: singletons are not offered under "Create new" (their template id is the type name). */
export const newDocumentOptions: NewDocumentOptionsResolver = (options) =>
  options.filter((option) => !singletonTypes.has(option.templateId))
