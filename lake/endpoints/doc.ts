import type { DataEndpoint, DataRequest } from '../context'
import { decodePathPart, sendJson } from '../http'

/** GET /data/doc/:dataset/:ids - documents by id as stored (drafts under their drafts. id; with the token only). */
export const docEndpoint: DataEndpoint = { methods: ['GET'], path: 'ids', access: 'public', handle: doc }

function doc({ store, url, rest, authorized, res }: DataRequest): void {
  const ids = (rest ?? '').split(',').map(decodePathPart).filter(Boolean)
  const byId = store.view('raw').byId
  const excludeContent = url.searchParams.get('excludeContent') === 'true'
  const documents: unknown[] = []
  const omitted: Array<{ id: string; reason: string }> = []
  for (const id of ids) {
    const found = byId.get(id)
    // Without the token a dotted id (a draft, a version, a system document) is not there to see.
    if (!authorized && id.includes('.')) omitted.push({ id, reason: 'permission' })
    else if (!found) omitted.push({ id, reason: 'existence' })
    else documents.push(excludeContent ? { _id: found._id, _type: found._type, _rev: found._rev } : found)
  }
  sendJson(res, 200, { documents, omitted })
}
