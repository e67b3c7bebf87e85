/**
 * `preview-link <slug> [--ttl 24h]`: a share link to the draft of the article at `slug` (or to the
 * article as published, when it has no draft), for someone without a Studio account. It writes a
 * `previewGrant` document (deleting it in the Studio, under "Preview links", revokes the link) and
 * prints the link, signed as the site checks it (lib/preview/share-links.ts).
 */
import { randomUUID } from 'node:crypto'

import { localLakeToken } from '../../lake/access'
import { GRANT_ID_PREFIX, GRANT_TYPE, parseLifetime, shareLinkKey, signShareLink } from '../../lib/preview/share-links'
import { paths } from '../../lib/routing/paths'
import type { Backend } from './client'
import { DRAFT_PREFIX } from './documents'
import { CliError } from './errors'

export async function previewLink({ client, env, name }: Backend, args: string[], source: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [slug, ...rest] = args
  let ttl = '24h'
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i]!.split('=', 2) as [string, string | undefined]
    if (flag !== '--ttl') throw new CliError(`unknown argument "${rest[i]}": preview-link <slug> [--ttl 24h]`)
    ttl = inline ?? rest[++i] ?? ''
  }
  if (!slug) throw new CliError('preview-link takes an article slug: npm run content -- preview-link my-article --ttl 24h')
  let seconds: number
  try {
    seconds = parseLifetime(ttl)
  } catch (error) {
    throw new CliError(`--ttl must be ${(error as Error).message}`)
  }
  // The site signs with PREVIEW_LINK_SECRET or its own token that reads drafts; so does this.
  const token = env.mode === 'sanity' ? source.SANITY_API_READ_TOKEN : localLakeToken(source)
  const key = shareLinkKey(source.PREVIEW_LINK_SECRET, token)
  if (!key) {
    throw new CliError("Share links are signed with the site's key: set PREVIEW_LINK_SECRET, or SANITY_API_READ_TOKEN as the site has it.")
  }
  const ids = (await client.fetch('*[_type == "article" && slug.current == $slug]._id', { slug })) as string[]
  const documents = [...new Set(ids.map((id) => (id.startsWith(DRAFT_PREFIX) ? id.slice(DRAFT_PREFIX.length) : id)))]
  if (documents.length === 0)
    throw new CliError(`No article with the slug "${slug}" in ${name}: \`npm run content -- list article\` shows them.`)
  if (documents.length > 1)
    throw new CliError(`${documents.length} articles have the slug "${slug}" (${documents.join(', ')}): give one a new slug first.`)
  const document = documents[0]!
  const now = Date.now()
  const expires = Math.floor(now / 1000) + seconds
  const grant = `${GRANT_ID_PREFIX}${randomUUID()}`
  await client.create(
    {
      _id: grant,
      _type: GRANT_TYPE,
      document: { _type: 'reference', _ref: document, _weak: true },
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(expires * 1000).toISOString(),
      createdBy: 'npm run content',
    },
    { visibility: 'sync' },
  )
  const url = new URL(paths.sharedPreview(signShareLink(key, { grant, document, expires })), env.NEXT_PUBLIC_SITE_URL).href
  console.log(url)
  console.error(`preview of ${document} until ${new Date(expires * 1000).toISOString()}; revoke it by deleting ${grant}`)
}
