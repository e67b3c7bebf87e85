/**
 * A real Studio source (schema, templates, document actions, new-document options) built by
 * Sanity's own `createSourceFromConfig` from our schema and the singleton resolvers wired the
 * way the Studio config wires them, after structureTool (which brings the default document actions). Only for *.check.ts files run under tsx (it loads `sanity`).
 */
import { createClient } from '@sanity/client'
import { createSourceFromConfig, type Source } from 'sanity'
import { structureTool } from 'sanity/structure'

import { schemaTypes } from '../../../sanity/schemaTypes'
import { newDocumentOptions, documentActions, documentTemplates, structure } from '../../../sanity/structure'

export function studioSource(): Promise<Source> {
  // Never called over the network by what the checks do.
  const client = createClient({ projectId: 'test', dataset: 'production', apiVersion: '2025-02-19', useCdn: false })
  return createSourceFromConfig({
    name: 'default',
    projectId: 'test',
    dataset: 'production',
    plugins: [structureTool({ structure })],
    schema: { types: schemaTypes, templates: documentTemplates },
    document: { actions: documentActions, newDocumentOptions },
    currentUser: { id: 'editor', name: 'Editor', email: 'editor@example.test', role: 'administrator', roles: [] },
    getClient: () => client,
  })
}
