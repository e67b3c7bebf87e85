import { CogIcon } from '@sanity/icons'
import type { DocumentActionsResolver, NewDocumentOptionsResolver, SanityDefinedAction, SortOrderingItem, TemplateResolver } from 'sanity'
import type { StructureResolver } from 'sanity/structure'

import { SharePreviewLinkAction } from './actions/SharePreviewLink'
import { article } from './schemaTypes/documents/article'
import { author } from './schemaTypes/documents/author'
import { previewGrant } from './schemaTypes/documents/previewGrant'
import { researchHubLink } from './schemaTypes/documents/researchHubLink'
import { topic } from './schemaTypes/documents/topic'
import { madeByActionTypes, SITE_SETTINGS_ID, singletonTypes } from './schemaTypes'

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
      // Share links (lib/preview/share-links.ts): deleting one revokes it.
      S.documentTypeListItem(previewGrant.name)
        .title('Preview links')
        .child(
          S.documentTypeList(previewGrant.name)
            .title('Preview links')
            .defaultOrdering(previewGrant.orderings?.[0]?.by ?? []),
        ),
      S.listItem()
        .title('Site settings')
        .id(SITE_SETTINGS_ID)
        .icon(CogIcon)
        .child(S.document().schemaType('siteSettings').documentId(SITE_SETTINGS_ID).title('Site settings')),
    ])

/** What an editor can do to a singleton: publish it, discard a draft, restore an old version. Never delete, duplicate or unpublish. */
export const SINGLETON_ACTIONS: ReadonlySet<SanityDefinedAction> = new Set<SanityDefinedAction>(['publish', 'discardChanges', 'restore'])

/** What an editor can do to a preview link: delete it, which revokes it. */
export const GRANT_ACTIONS: ReadonlySet<SanityDefinedAction> = new Set<SanityDefinedAction>(['delete'])

/** The actions among `actions` that `allowed` names (custom ones, which have no name, go). */
function keepOnly<A extends { action?: string }>(actions: A[], allowed: ReadonlySet<SanityDefinedAction>): A[] {
  return actions.filter(({ action }) => action !== undefined && (allowed as ReadonlySet<string>).has(action))
}

/**
 * `document.actions`: a singleton keeps only SINGLETON_ACTIONS, a preview link only GRANT_ACTIONS;
 * an article gets "Share preview link" besides every action; other types keep every action.
 */
export const documentActions: DocumentActionsResolver = (actions, context) => {
  if (singletonTypes.has(context.schemaType)) return keepOnly(actions, SINGLETON_ACTIONS)
  if (madeByActionTypes.has(context.schemaType)) return keepOnly(actions, GRANT_ACTIONS)
  if (context.schemaType === article.name) return [...actions, SharePreviewLinkAction]
  return actions
}

/** Types no template creates: a singleton (the Studio opens the one document instead), a preview link (an action makes it). */
const notCreatedByHand = (type: string) => singletonTypes.has(type) || madeByActionTypes.has(type)

/** `schema.templates`: no template for the types in notCreatedByHand. */
export const documentTemplates: TemplateResolver = (templates) => templates.filter((template) => !notCreatedByHand(template.schemaType))

/** `document.newDocumentOptions`: those types are not offered under "Create new" (their template id is the type name). */
export const newDocumentOptions: NewDocumentOptionsResolver = (options) => options.filter((option) => !notCreatedByHand(option.templateId))
