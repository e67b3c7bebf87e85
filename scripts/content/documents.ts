/** What several commands share: reading documents from a file, ids, and who references a document. */
import { readFileSync } from 'node:fs'

import type { SanityClient, SanityDocument } from '@sanity/client'

import { CliError } from './errors'

export const DRAFT_PREFIX = 'drafts.'
export const publishedId = (id: string) => (id.startsWith(DRAFT_PREFIX) ? id.slice(DRAFT_PREFIX.length) : id)
export const draftId = (id: string) => `${DRAFT_PREFIX}${publishedId(id)}`

/** Fields the backend sets on every write; a document from a file or an export does not choose them. */
export function withoutSystemFields<T extends Record<string, unknown>>(doc: T): T {
  const copy = { ...doc }
  delete copy._rev
  delete copy._updatedAt
  return copy
}

/** Every `_ref` in a value (a document, or several). */
export function referencesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => referencesIn(item, out))
  else if (typeof value === 'object' && value !== null) {
    const ref = (value as { _ref?: unknown })._ref
    if (typeof ref === 'string') out.add(ref)
    Object.values(value).forEach((child) => referencesIn(child, out))
  }
  return out
}

const isDocument = (value: unknown): value is SanityDocument =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { _id?: unknown })._id === 'string'

/**
 * The documents in a JSON file: one document, an array of them, or NDJSON (one per line). Each
 * needs a string `_id` and `_type`.
 */
export function readDocumentsFile(file: string): SanityDocument[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new CliError(
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give the path of a JSON file.`,
    )
  }
  let values: unknown[]
  try {
    const parsed: unknown = JSON.parse(text)
    values = Array.isArray(parsed) ? parsed : [parsed]
  } catch (whole) {
    const lines = text
      .split('\n')
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line }) => line.trim() !== '')
    if (lines.length < 2) throw new CliError(`${file} is not valid JSON (${(whole as Error).message}): fix the file and run again.`)
    values = lines.map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown
      } catch (error) {
        throw new CliError(
          `${file} line ${number} is not valid JSON (${(error as Error).message}): a file holds one document, an array of documents, or one document per line.`,
        )
      }
    })
  }
  if (values.length === 0)
    throw new CliError(`${file} holds no documents: give one document, an array of documents, or one document per line.`)
  values.forEach((value, index) => {
    const where = values.length > 1 ? `document ${index + 1} in ${file}` : file
    if (!isDocument(value) || value._id === '')
      throw new CliError(`${where} has no string _id: every document needs one, e.g. "_id": "article-my-title".`)
    if (typeof value._type !== 'string' || value._type === '')
      throw new CliError(`${where} ("${value._id}") has no string _type: set the document type, e.g. "_type": "article".`)
  })
  return values as SanityDocument[]
}

/**
 * Ids of documents, other than `id` and its draft, that reference it: deleting or unpublishing it
 * would leave their references dangling (Sanity refuses to delete a strongly referenced document).
 */
export async function referencedBy(client: SanityClient, id: string): Promise<string[]> {
  return client.fetch<string[]>('*[references($ids) && !(_id in $ids)][0...6]._id', { ids: [publishedId(id), draftId(id)] })
}

export function refuseIfReferenced(id: string, referrers: string[], action: string): void {
  if (referrers.length === 0) return
  const listed = referrers.slice(0, 5).join(', ') + (referrers.length > 5 ? ', ...' : '')
  throw new CliError(
    `Cannot ${action} "${id}": ${listed} reference${referrers.length === 1 ? 's' : ''} it; remove those references first (\`npm run content -- set <id> <path> ...\`).`,
  )
}
