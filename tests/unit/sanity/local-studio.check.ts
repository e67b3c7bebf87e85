/**
 * Run by local-studio.test.ts under tsx: Sanity ships as ES modules only, which Jest's CommonJS
 * runtime cannot load. Exits non-zero with the failed assertion when a check fails.
 *
 * The embedded default's Studio signs in a local editor through an AuthStore of our own
 * (sanity/local/studio.ts). These checks fail when a Sanity upgrade changes what the Studio
 * expects of an auth store or of its config, and prove that with a project configured none of the
 * local pieces are used.
 */
import assert from 'node:assert/strict'

import { firstValueFrom } from 'rxjs'
import { createMockAuthStore, isAuthStore, type AuthStore } from 'sanity'

import { parseContentEnv } from '../../../lib/content/env'
import { studioConfig } from '../../../sanity.config'
import { LOCAL_EDITOR, LOCAL_PROJECT_ID, localAuthStore, localStudioClient } from '../../../sanity/local/studio'
import { newDocumentOptions, documentActions, documentTemplates } from '../../../sanity/structure'

import { runChecks } from './harness'

const origin = 'http://studio.example.test:8080'
const checks: [string, () => Promise<void> | void][] = []
const check = (name: string, run: () => Promise<void> | void) => checks.push([name, run])

const client = localStudioClient({ origin, dataset: 'production', apiVersion: '2025-02-19' })

check("the local auth store passes Sanity's own check and signs in the local editor with the lake's client", async () => {
  const store = localAuthStore(client)
  assert.equal(isAuthStore(store), true)
  assert.deepEqual(await firstValueFrom(store.state), { authenticated: true, currentUser: LOCAL_EDITOR, client })
})

check("its state has the shape of Sanity's own test auth store (fails if the Studio's AuthState changes)", async () => {
  const theirs = await firstValueFrom(createMockAuthStore({ client, currentUser: LOCAL_EDITOR }).state)
  const ours = await firstValueFrom(localAuthStore(client).state)
  assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort())
})

check(
  "the client talks to the lake on the page's origin: no project host name, no token (the proxy adds it), with credentials, raw perspective",
  () => {
    const config = client.config()
    assert.equal(config.apiHost, `${origin}/lake`)
    assert.equal(config.useProjectHostname, false)
    assert.equal(config.withCredentials, true)
    // Drafts from the Live Content API need a token or credentials; the Presentation tool asks for them.
    assert.doesNotThrow(() => client.live.events({ includeDrafts: true }))
    assert.equal(config.perspective, 'raw')
    assert.equal(config.token, undefined)
    assert.equal(client.getUrl(client.getDataUrl('query')), `${origin}/lake/v2025-02-19/data/query/production`)
  },
)

check('embedded default: the local project, the local auth store, the lake as API host, hosted-only features off', async () => {
  const config = studioConfig(`${origin}/studio/structure`, parseContentEnv({}))
  assert.ok(!Array.isArray(config))
  assert.equal(config.basePath, '/studio')
  assert.equal(config.projectId, LOCAL_PROJECT_ID)
  assert.equal(config.dataset, 'production')
  assert.equal(config.apiHost, `${origin}/lake`)
  for (const feature of ['releases', 'scheduledPublishing', 'scheduledDrafts', 'tasks', 'announcements', 'mediaLibrary'] as const) {
    assert.deepEqual(config[feature], { enabled: false }, feature)
  }
  assert.equal(config.document?.comments?.enabled, false)
  assert.deepEqual(config.apps, { canvas: { enabled: false } })
  assert.equal(config.beta?.create?.startInCreateEnabled, false)
  // Site settings stays one document (the resolvers are tested in structure.test.ts).
  assert.equal(config.document?.actions, documentActions)
  assert.equal(config.document?.newDocumentOptions, newDocumentOptions)
  assert.equal(config.schema?.templates, documentTemplates)
  assert.equal(isAuthStore(config.auth), true)
  const state = await firstValueFrom((config.auth as AuthStore).state)
  assert.equal(state.currentUser?.id, LOCAL_EDITOR.id)
  assert.equal(state.client.config().apiHost, `${origin}/lake`)
})

check("with a project configured: that project and dataset, Sanity's own login and hosts, nothing local", () => {
  const config = studioConfig(origin, parseContentEnv({ NEXT_PUBLIC_SANITY_PROJECT_ID: 'abc123xy', NEXT_PUBLIC_SANITY_DATASET: 'staging' }))
  assert.ok(!Array.isArray(config))
  assert.equal(config.projectId, 'abc123xy')
  assert.equal(config.dataset, 'staging')
  // No auth store and no API host: the Studio builds Sanity's own (api.sanity.io, the project's host name).
  assert.equal(config.auth, undefined)
  assert.equal(config.apiHost, undefined)
  for (const feature of ['releases', 'scheduledPublishing', 'tasks', 'mediaLibrary'] as const)
    assert.equal(config[feature], undefined, feature)
})

check('both modes: the desk, the Presentation tool and Vision (GROQ queries against the dataset)', () => {
  for (const contentEnv of [parseContentEnv({}), parseContentEnv({ NEXT_PUBLIC_SANITY_PROJECT_ID: 'abc123xy' })]) {
    const config = studioConfig(origin, contentEnv)
    assert.ok(!Array.isArray(config))
    // Each plugin here is an options object; its tools are what the Studio's navbar lists.
    const tools = (config.plugins ?? []).flatMap((plugin) => {
      const tools = (plugin as { tools?: unknown }).tools
      return Array.isArray(tools) ? tools.map((tool: { name: string }) => tool.name) : []
    })
    assert.deepEqual(tools, ['structure', 'presentation', 'vision'])
  }
})

void runChecks(checks)
