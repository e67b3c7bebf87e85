import { localLakeToken } from '../lake/access'

import type { LakeProxyOptions } from './lake-proxy'

/**
 * The Studio's lake and editor access from the environment: only on the embedded default (no
 * `NEXT_PUBLIC_SANITY_PROJECT_ID`). With a project configured there is no `/lake` and the Studio
 * uses Sanity's own login.
 */
export function lakeProxyOptions(environment: NodeJS.ProcessEnv): LakeProxyOptions | undefined {
  if (environment.NEXT_PUBLIC_SANITY_PROJECT_ID) return undefined
  return {
    lakeUrl: environment.SANITY_LAKE_URL || `http://127.0.0.1:${environment.LAKE_PORT || 3999}`,
    password: environment.STUDIO_PASSWORD || undefined,
    // SANITY_LAKE_TOKEN, which with-lake passes on, or the local token file (lake/access.ts).
    token: localLakeToken(environment),
  }
}
