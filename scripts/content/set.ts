/**
 * `set <id> <path> <json>`: a patch that sets one value at a Sanity path (`title`,
 * `authors[0]._ref`, `body[_key=="abc"].style`). The document is validated as it will be after
 * the patch (applied here with @sanity/mutator, as the Studio applies patches), and the patch is
 * sent with ifRevisionID, so a change made meanwhile is not overwritten.
 */
import { Mutation } from '@sanity/mutator'
import type { SanityDocument } from '@sanity/client'

import type { Backend } from './client'
import { checkBeforeWrite } from './check'
import { CliError } from './errors'

/** What only the backend sets; a patch that sets them would be refused, so say so first. */
const SYSTEM_FIELD = /^(_id|_type|_rev|_createdAt|_updatedAt)$/

export function parseJsonValue(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CliError(
      `The value ${JSON.stringify(text)} is not valid JSON (${(error as Error).message}): quote strings in JSON and for the shell, e.g. '"New title"'.`,
    )
  }
}

export async function set({ client, name }: Backend, args: string[]): Promise<void> {
  const [id, path, json] = args
  if (!id || !path || json === undefined || args.length > 3)
    throw new CliError(`set takes an id, a path and a JSON value: npm run content -- set article-x title '"New title"'`)
  if (SYSTEM_FIELD.test(path))
    throw new CliError(`${path} is set by the backend and cannot be patched: publish a new document to change it.`)
  const value = parseJsonValue(json)

  const current = await client.getDocument(id)
  if (!current) throw new CliError(`No document "${id}" in ${name}: \`npm run content -- list\` shows the ids.`)
  let patched: SanityDocument
  try {
    patched = new Mutation({ mutations: [{ patch: { id, set: { [path]: value } } }] }).apply(current) as SanityDocument
  } catch (error) {
    throw new CliError(
      `Cannot set ${path} on "${id}" (${(error as Error).message}): give a path that exists, like title, seo.title, authors[0]._ref or body[_key=="abc"].style.`,
    )
  }
  await checkBeforeWrite(client, [patched], 'Not changed', `Give ${path} a value the schema accepts`)

  try {
    await client
      .patch(id)
      .set({ [path]: value })
      .ifRevisionId(current._rev)
      .commit({ visibility: 'sync' })
  } catch (error) {
    const body = JSON.stringify((error as { responseBody?: unknown }).responseBody ?? '')
    if ((error as { statusCode?: unknown }).statusCode === 409 && /revision/i.test(body)) {
      throw new CliError(
        `"${id}" changed while this command ran (it was at revision ${current._rev}): run it again to patch the new version.`,
      )
    }
    throw error
  }
  console.log(`set ${path} on ${id}`)
}
