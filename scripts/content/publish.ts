/** `publish FILE.json`: create or replace published documents from a file, all in one transaction. */
import type { Backend } from './client'
import { checkBeforeWrite } from './check'
import { DRAFT_PREFIX, draftId, readDocumentsFile, withoutSystemFields } from './documents'
import { CliError } from './errors'

export async function publish({ client }: Backend, args: string[]): Promise<void> {
  const [file] = args
  if (!file || args.length > 1) throw new CliError('publish takes one file: npm run content -- publish FILE.json')
  const docs = readDocumentsFile(file).map(withoutSystemFields)
  for (const doc of docs) {
    if (doc._id.startsWith(DRAFT_PREFIX))
      throw new CliError(`"${doc._id}" is a draft id: publish writes published documents, so use "${doc._id.slice(DRAFT_PREFIX.length)}".`)
    if (JSON.stringify(doc).includes('"_sanityAsset"')) {
      throw new CliError(
        `"${doc._id}" holds _sanityAsset (export format): publish takes documents as Sanity stores them; for an exported dataset use \`npm run content -- import DIR\`.`,
      )
    }
  }
  await checkBeforeWrite(client, docs, 'Not published', `Fix ${file} and run again`)

  const transaction = client.transaction()
  for (const doc of docs) transaction.createOrReplace(doc)
  const { results } = await transaction.commit({ visibility: 'sync' })
  const drafts = new Set(await client.fetch<string[]>('*[_id in $ids]._id', { ids: docs.map((doc) => draftId(doc._id)) }))
  for (const { id, operation } of results) {
    const pending = drafts.has(draftId(id)) ? ` (its draft ${draftId(id)} still holds unpublished edits)` : ''
    console.log(`${operation === 'create' ? 'created' : 'replaced'} ${id}${pending}`)
  }
}
