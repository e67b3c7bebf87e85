/**
 * The dataset validation consults before a write: the backend as it is, with the documents about
 * to be written. References resolve to either; slug uniqueness is asked of the backend (a document
 * replacing itself is not a duplicate, as isUnique leaves out the document's own ids).
 */
import type { SanityClient, SanityDocument } from '@sanity/client'

import { referencesIn } from './documents'
import type { ValidationDataset } from './validate'

/** One query finds which of the batch's references the backend holds; other ids are asked for once each. */
export async function backendDataset(client: SanityClient, batch: readonly SanityDocument[]): Promise<ValidationDataset> {
  const inBatch = new Set(batch.map((doc) => doc._id))
  const wanted = [...referencesIn(batch)].filter((id) => !inBatch.has(id))
  const stored = new Set(wanted.length ? await client.fetch<string[]>('*[_id in $ids]._id', { ids: wanted }) : [])
  const asked = new Map<string, Promise<boolean>>()
  return {
    fetch: (query, params) => client.fetch(query, params),
    exists: async (id) => {
      if (inBatch.has(id) || stored.has(id)) return true
      if (wanted.includes(id)) return false
      if (!asked.has(id))
        asked.set(
          id,
          client.fetch<number>('count(*[_id == $id])', { id }).then((n) => n > 0),
        )
      return asked.get(id)!
    },
  }
}
