/**
 * `unpublish <id>`: as the Studio's Unpublish does, in one transaction: the published document is
 * deleted and its content kept as the draft `drafts.<id>` (an existing draft is kept as it is).
 */
import type { Backend } from './client'
import { DRAFT_PREFIX, draftId, referencedBy, refuseIfReferenced, withoutSystemFields } from './documents'
import { CliError } from './errors'

export async function unpublish({ client, name }: Backend, args: string[]): Promise<void> {
  const [id] = args
  if (!id || args.length > 1) throw new CliError('unpublish takes one document id: npm run content -- unpublish article-x')
  if (id.startsWith(DRAFT_PREFIX))
    throw new CliError(`"${id}" is a draft id: unpublish takes the published id, "${id.slice(DRAFT_PREFIX.length)}".`)
  const [published, draft] = await client.getDocuments([id, draftId(id)])
  if (!published) {
    const hint = draft ? `only its draft ${draftId(id)} exists, so it is already unpublished` : '`npm run content -- list` shows the ids'
    throw new CliError(`No published document "${id}" in ${name}: ${hint}.`)
  }
  refuseIfReferenced(id, await referencedBy(client, id), 'unpublish')

  const transaction = client.transaction()
  if (!draft) transaction.createIfNotExists({ ...withoutSystemFields(published), _id: draftId(id) })
  transaction.delete(id)
  await transaction.commit({ visibility: 'sync' })
  console.log(`unpublished ${id}; ${draft ? `its existing draft ${draftId(id)} is kept` : `its content is now the draft ${draftId(id)}`}`)
}
