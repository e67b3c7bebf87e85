import { visionTool } from '@sanity/vision'
import { defineConfig, type Config } from 'sanity'
import { presentationTool } from 'sanity/presentation'
import { structureTool } from 'sanity/structure'

import { env } from './lib/content/env'
import { paths } from './lib/routing/paths'
import { installLakeEventSource } from './sanity/lake-event-source'
import { installOfflineFetch } from './sanity/local/offline-fetch'
import { lakeApiHost, LOCAL_PROJECT_ID, localWorkspaceOptions } from './sanity/local/studio'
import { schemaTypes } from './sanity/schemaTypes'
import { newDocumentOptions, documentActions, documentTemplates, structure } from './sanity/structure'

/** The site's route that enters draft mode (app/api/draft-mode/enable). */
const DRAFT_MODE_ENABLE = '/api/draft-mode/enable'

/**
 * The Studio's configuration, one module for both modes. With a Sanity project configured it is
 * that project and dataset with Sanity's own login and hosts. On the embedded default it edits
 * the local lake through the page's origin as the local editor (sanity/local/studio.ts).
 *
 * `origin` is the page's origin (`window.location.origin`): the lake is reached through it, so
 * the Studio works behind a proxy, in a container and from another machine alike.
 */
export function studioConfig(origin: string, contentEnv = env): Config {
  const embedded = contentEnv.mode === 'embedded'
  const dataset = contentEnv.NEXT_PUBLIC_SANITY_DATASET
  const apiVersion = contentEnv.NEXT_PUBLIC_SANITY_API_VERSION
  return defineConfig({
    name: 'default',
    title: 'Insights',
    basePath: paths.studio,
    projectId: embedded ? LOCAL_PROJECT_ID : contentEnv.NEXT_PUBLIC_SANITY_PROJECT_ID!,
    dataset,
    plugins: [
      structureTool({ structure }),
      // The site in a frame beside the document, in draft mode (the secret it writes is checked by
      // /api/draft-mode/enable). Sanity's own share access stays off: share links are ours (lib/preview).
      presentationTool({ previewUrl: { previewMode: { enable: DRAFT_MODE_ENABLE, shareAccess: false } } }),
      visionTool({ defaultApiVersion: apiVersion, defaultDataset: dataset }),
    ],
    // Site settings is one document: never offered as new, never deleted, duplicated or unpublished.
    schema: { types: schemaTypes, templates: documentTemplates },
    document: { actions: documentActions, newDocumentOptions, comments: { enabled: !embedded } },
    ...(embedded ? localWorkspaceOptions({ origin, dataset, apiVersion }) : {}),
  })
}

/**
 * The Studio page's configuration, in the browser. On the embedded default it first makes the
 * page's listeners to the lake share one connection (lake-event-source.ts) and answers the
 * Studio's calls to Sanity's hosts on the page (offline-fetch.ts).
 */
export function browserStudioConfig(origin: string): Config {
  if (env.mode === 'embedded') {
    installLakeEventSource(lakeApiHost(origin))
    installOfflineFetch()
  }
  return studioConfig(origin)
}
