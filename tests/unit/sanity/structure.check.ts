/**
 * Run by structure.test.ts under tsx (see harness.ts). The desk as the Studio builds it, with
 * Sanity's own structure builder on a real source; and the singleton resolvers through the
 * source's own document actions, templates and "Create new" options.
 */
import assert from 'node:assert/strict'

import type { DocumentActionComponent, DocumentActionsContext, Source } from 'sanity'
import { createStructureBuilder, type DocumentListBuilder, type ListItem, type ListBuilder } from 'sanity/structure'

import { SharePreviewLinkAction } from '../../../sanity/actions/SharePreviewLink'
import { article } from '../../../sanity/schemaTypes/documents/article'
import { newDocumentOptions, documentActions, documentTemplates, structure } from '../../../sanity/structure'
import { runChecks } from './harness'
import { studioSource } from './studio-source'

async function main() {
  const source = await studioSource()
  const S = createStructureBuilder({ source, perspectiveStack: [] })
  const desk = (structure(S, {} as never) as ListBuilder).serialize({ path: [] })
  const items = desk.items.filter((item): item is ListItem => item.type === 'listItem')
  const item = (id: string) => items.find((i) => i.id === id)!
  const open = async (listItem: ListItem) => {
    const child = listItem.child as unknown
    const resolved =
      typeof child === 'function' ? await child(listItem.id, { index: 0, splitIndex: 0, path: [], params: {}, parent: desk }) : child
    return resolved as ReturnType<DocumentListBuilder['serialize']>
  }
  const actionNames = (schemaType: string, documentId: string) =>
    source.document.actions({ schemaType, documentId } as Parameters<Source['document']['actions']>[0]).map((action) => action.action)

  await runChecks([
    [
      'the desk lists Articles, Authors, Topics, Research links, then Preview links and Site settings, each with an icon',
      () => {
        assert.equal(desk.title, 'Content')
        assert.deepEqual(
          items.map((i) => [i.id, i.title]),
          [
            ['article', 'Articles'],
            ['author', 'Authors'],
            ['topic', 'Topics'],
            ['researchHubLink', 'Research links'],
            ['previewGrant', 'Preview links'],
            ['siteSettings', 'Site settings'],
          ],
        )
        assert.equal(desk.items[4]?.type, 'divider')
        for (const i of items.slice(0, 5))
          assert.ok(i.schemaType && typeof i.schemaType !== 'string' && i.schemaType.icon, `${i.id} has an icon`)
        assert.ok(item('siteSettings').icon)
        assert.equal(source.schema.get('researchHubLink')?.title, 'Research link')
      },
    ],
    [
      'Articles open newest first (publishedAt desc), and the ordering menu offers the orderings defined on the type',
      async () => {
        const articles = await open(item('article'))
        assert.equal(articles.title, 'Articles')
        assert.deepEqual(articles.options.defaultOrdering, [{ field: 'publishedAt', direction: 'desc' }])
        assert.deepEqual(articles.options.params, { type: 'article' })
        // The sort menu: the type's orderings in their order (the Studio shows their titles), then Sanity's own.
        const sorts = (articles.menuItems ?? [])
          .filter((menuItem) => menuItem.action === 'setSortOrder')
          .map((menuItem) => menuItem.params?.by)
        assert.deepEqual(
          sorts.slice(0, 3),
          article.orderings?.map((ordering) => ordering.by),
        )
        assert.deepEqual(
          article.orderings?.map((ordering) => ordering.title),
          ['Newest first', 'Oldest first', 'Title A–Z'],
        )
        assert.deepEqual((await open(item('author'))).options.defaultOrdering, [{ field: 'name', direction: 'asc' }])
      },
    ],
    [
      'Site settings opens the one document, id siteSettings, directly',
      async () => {
        const settings = (await open(item('siteSettings'))) as unknown as { type: string; options: { id: string; type: string } }
        assert.equal(settings.type, 'document')
        assert.deepEqual(settings.options, { id: 'siteSettings', type: 'siteSettings' })
      },
    ],
    [
      'site settings can be published, its draft discarded and an old version restored, but never deleted, duplicated or unpublished',
      () => {
        const names = actionNames('siteSettings', 'siteSettings')
        console.log(`# site settings actions: ${names.join(', ')}`)
        assert.ok(names.includes('publish') && names.includes('discardChanges') && names.includes('restore'), names.join(', '))
        assert.deepEqual(
          names.filter((name) => !['publish', 'discardChanges', 'restore'].includes(name ?? '')),
          [],
        )
      },
    ],
    [
      'an article keeps every action, delete, duplicate and unpublish included',
      () => {
        const names = actionNames('article', 'article-x')
        for (const name of ['publish', 'unpublish', 'delete', 'duplicate', 'discardChanges', 'restore'])
          assert.ok(names.includes(name as never), `${name} in ${names.join(', ')}`)
      },
    ],
    [
      'documentActions filters only what it is given: the custom actions of a singleton go too, an article’s stay and it gains "Share preview link"; a preview link can only be deleted',
      () => {
        const fake = (action?: string) => Object.assign(() => null, { action }) as unknown as DocumentActionComponent
        const actions = [fake('publish'), fake('delete'), fake(undefined), fake('restore')]
        const context = (schemaType: string) => ({ schemaType, documentId: schemaType }) as DocumentActionsContext
        assert.deepEqual(
          documentActions(actions, context('siteSettings')).map((a) => a.action),
          ['publish', 'restore'],
        )
        assert.deepEqual(documentActions(actions, context('article')), [...actions, SharePreviewLinkAction])
        assert.equal(documentActions(actions, context('author')), actions)
        assert.deepEqual(
          documentActions(actions, context('previewGrant')).map((a) => a.action),
          ['delete'],
        )
        assert.ok(actionNames('article', 'article-x').length > 0)
        assert.equal(source.document.actions({ schemaType: 'article', documentId: 'article-x' } as never).at(-1), SharePreviewLinkAction)
      },
    ],
    [
      'no template creates site settings or a preview link, and "Create new" offers neither; the other types stay',
      () => {
        const templateIds = source.templates.map((template) => template.id)
        assert.ok(!templateIds.includes('siteSettings') && !templateIds.includes('previewGrant'), templateIds.join(', '))
        for (const type of ['article', 'author', 'topic', 'researchHubLink']) assert.ok(templateIds.includes(type), `${type} template`)
        const offered = source.document.resolveNewDocumentOptions({ type: 'global' }).map((option) => option.templateId)
        assert.deepEqual([...offered].sort(), ['article', 'author', 'researchHubLink', 'topic'])
        // On their own, too: a siteSettings option or template from elsewhere is removed.
        const context = {} as never
        assert.deepEqual(
          newDocumentOptions([{ templateId: 'siteSettings' }, { templateId: 'article' }], context).map((o) => o.templateId),
          ['article'],
        )
        assert.deepEqual(documentTemplates([{ id: 'siteSettings', title: 'S', schemaType: 'siteSettings', value: {} }], context), [])
      },
    ],
  ])
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(2)
})
