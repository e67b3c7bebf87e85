/**
 * The one user of a local lake: every write is theirs (the listener's `identity`), and the Studio
 * endpoints (endpoints/studio.ts) answer `/users/me` with them. The Studio's local auth store
 * (sanity/local/studio.ts) signs in as the same id.
 */
export const LOCAL_EDITOR = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@localhost',
} as const
