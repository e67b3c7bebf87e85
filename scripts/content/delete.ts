/** `delete <id>`: removes the published document and its draft, in one transaction. */
import type { Backend } from './client'
import { draftId, publishedId, referencedBy, refuseIfReferenced } from './documents'
import { CliError } from './errors'

export async function deleteDocument({ client, name }: Backend, args: string[]): Promise<void> {
  const [id] = args
  if (!id || args.length > 1) throw new CliError('delete takes one document id: npm run content -- delete article-x')
  const ids = [publishedId(id), draftId(id)]
  const found = (await client.getDocuments(ids)).filter((doc) => doc !== null).map((doc) => doc._id)
  if (found.length === 0)
    throw new CliError(`No document "${id}" (published or draft) in ${name}: \`npm run content -- list\` shows the ids.`)
  refuseIfReferenced(publishedId(id), await referencedBy(client, id), 'delete')

  const transaction = client.transaction()
  for (const existing of found) transaction.delete(existing)
  await transaction.commit({ visibility: 'sync' })
  console.log(`deleted ${found.join(' and ')}`)
}
