import { createClient, type SanityClient } from '@sanity/client'
import { of } from 'rxjs'
import type { AuthStore, CurrentUser, WorkspaceOptions } from 'sanity'

/**
 * What the Studio needs to run on the embedded default: no Sanity account, no network. It talks
 * to the local content lake through the site's own origin (`/lake`, proxied by server/lake-proxy.ts),
 * as one local editor. None of this is used once a Sanity project is configured (sanity.config.ts).
 *
 * Sanity's own login cannot work here: its auth store asks Sanity's API who is logged in, and it
 * builds the API host from the project id. An `AuthStore` is the Studio's public extension point for
 * "who is the user and which client do they use"; tests/unit/sanity/local-studio.test.ts fails
 * when a Sanity upgrade changes what the Studio expects of one.
 */

/** Any valid project id works for the lake; this one says what it is. */
export const LOCAL_PROJECT_ID = 'local'

/** Where the lake answers on the site's origin. */
export const LAKE_PATH = '/lake'

/** The one editor of the embedded default. The lake answers `/users/me` with the same user. */
export const LOCAL_EDITOR: CurrentUser = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@localhost',
  role: 'administrator',
  roles: [{ name: 'administrator', title: 'Administrator' }],
}

/** The lake's address as the editor's browser reaches it: the page's own origin, whatever proxy or port is in front. */
export function lakeApiHost(origin: string): string {
  return `${new URL(origin).origin}${LAKE_PATH}`
}

/**
 * A client for the lake as the Studio needs it: no project host name, no token, every perspective.
 * The editor is authorised by the site's /lake proxy, which adds the lake's token to each request
 * (server/lake-proxy.ts): the browser holds no token. Requests are same-origin and "with
 * credentials", as a signed-in Studio's are, so the client reads drafts from the Live Content API
 * too (it refuses `includeDrafts` without a token or credentials); the proxy passes no cookie on.
 */
export function localStudioClient(options: { origin: string; dataset: string; apiVersion: string }): SanityClient {
  return createClient({
    projectId: LOCAL_PROJECT_ID,
    dataset: options.dataset,
    apiVersion: options.apiVersion,
    apiHost: lakeApiHost(options.origin),
    useProjectHostname: false,
    useCdn: false,
    withCredentials: true,
    perspective: 'raw',
  })
}

/** Always signed in as LOCAL_EDITOR, with `client`. */
export function localAuthStore(client: SanityClient): AuthStore {
  return { state: of({ authenticated: true, currentUser: LOCAL_EDITOR, client }) }
}

/**
 * The workspace options of the embedded default: the local auth store, and the features that
 * only exist on Sanity's hosted platform turned off (they would call services the lake does not
 * have and show errors to the editor).
 */
export function localWorkspaceOptions(options: {
  origin: string
  dataset: string
  apiVersion: string
}): Pick<
  WorkspaceOptions,
  'auth' | 'apiHost' | 'releases' | 'scheduledPublishing' | 'scheduledDrafts' | 'tasks' | 'announcements' | 'mediaLibrary' | 'beta' | 'apps'
> {
  return {
    auth: localAuthStore(localStudioClient(options)),
    apiHost: lakeApiHost(options.origin),
    releases: { enabled: false },
    scheduledPublishing: { enabled: false },
    scheduledDrafts: { enabled: false },
    tasks: { enabled: false },
    announcements: { enabled: false },
    mediaLibrary: { enabled: false },
    beta: { create: { startInCreateEnabled: false } },
    // Off by default in Sanity 5.31; said here so an upgrade that turns it on does not.
    apps: { canvas: { enabled: false } },
  }
}
