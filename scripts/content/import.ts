/**
 * `import DIR`: a dataset in export format (DIR/data.ndjson, images in DIR/images/, as `export`
 * and `sanity dataset export` write it) into the backend. Checked first with the rules of
 * `npm run content:validate`, against the backend it goes to. Image files the backend does not
 * hold yet are uploaded with `client.assets.upload` (Sanity and the lake both take them);
 * documents are then created or replaced (like `sanity dataset import --replace`). When an image
 * cannot be uploaded, the documents that use it are left out and named, with the image.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import type { SanityClient, SanityDocument } from '@sanity/client'

import { IMAGE_ASSET_ID } from '../../lake/export-format'
import { backendDataset } from './backend-dataset'
import { loadValidation, refuseProblems } from './check'
import type { Backend } from './client'
import { referencesIn, withoutSystemFields } from './documents'
import { CliError, explainBackendError } from './errors'

type ImageAsset = SanityDocument & { path: string; mimeType: string; originalFilename: string }

/** The image file of an asset document synthesized by importExportedDocuments: `images/<project>/<dataset>/<file>`. */
const fileOf = (asset: ImageAsset) => asset.path.slice(asset.path.lastIndexOf('/') + 1)

export async function importDataset({ client, name }: Backend, args: string[]): Promise<void> {
  const [dirArg] = args
  if (!dirArg || args.length > 1) throw new CliError('import takes one folder: npm run content -- import DIR')
  const dir = resolve(dirArg)
  const file = join(dir, 'data.ndjson')
  if (!existsSync(file))
    throw new CliError(
      `${file} does not exist: give a folder in export format (data.ndjson, images/), as \`npm run content -- export DIR\` writes it.`,
    )

  const { validateExportedDataset } = await loadValidation()
  const report = await validateExportedDataset(file, { dataset: (imported) => backendDataset(client, imported) })
  await refuseProblems(
    report.problems,
    'Not imported',
    `Fix ${file} (\`npm run content:validate -- --dataset ${file}\` lists the same problems) and run again`,
  )

  const assets = report.imported.filter((doc): doc is ImageAsset => doc._type === 'sanity.imageAsset' && IMAGE_ASSET_ID.test(doc._id))
  const documents = report.imported.filter((doc) => !assets.includes(doc as ImageAsset)).map(withoutSystemFields)
  const { uploaded, failed } = await uploadMissing(client, name, assets, dir)

  const blocked = leftOut(documents, new Set(failed.map(({ asset }) => asset._id)))
  const writable = documents.filter((doc) => !blocked.has(doc._id))
  if (writable.length > 0) {
    const transaction = client.transaction()
    for (const doc of writable) transaction.createOrReplace(doc)
    await transaction.commit({ visibility: 'sync' })
  }
  console.log(
    `imported ${writable.length} of ${documents.length} documents into ${name}; ${uploaded} image files uploaded, ${assets.length - uploaded - failed.length} already there`,
  )
  if (failed.length === 0) return

  for (const { asset, reason } of failed) console.error(`image not uploaded: images/${fileOf(asset)} (${reason})`)
  for (const [id, why] of blocked) console.error(`document not imported: ${id} (${why})`)
  throw new CliError(
    `${failed.length} image file${failed.length === 1 ? '' : 's'} could not be uploaded to ${name}, so ${blocked.size} document${blocked.size === 1 ? '' : 's'} that use${blocked.size === 1 ? 's' : ''} them, or reference one that does, ${blocked.size === 1 ? 'was' : 'were'} not imported (listed above): import into a backend that accepts uploads, or add the files to it and run import again.`,
  )
}

/**
 * The documents that cannot be written, each with why: those using a missing image, then, until
 * nothing changes, those referencing one left out (writing them would leave dangling references).
 */
function leftOut(documents: SanityDocument[], missingImages: Set<string>): Map<string, string> {
  const refs = new Map(documents.map((doc) => [doc._id, referencesIn(doc)]))
  const blocked = new Map<string, string>()
  for (const doc of documents) {
    const image = [...refs.get(doc._id)!].find((id) => missingImages.has(id))
    if (image) blocked.set(doc._id, `uses ${image}, which was not uploaded`)
  }
  for (let grew = blocked.size > 0; grew;) {
    grew = false
    for (const doc of documents) {
      if (blocked.has(doc._id)) continue
      const ref = [...refs.get(doc._id)!].find((id) => blocked.has(id))
      if (ref) {
        blocked.set(doc._id, `references ${ref}, which is not imported`)
        grew = true
      }
    }
  }
  return blocked
}

/** Uploads the image files the backend does not hold; stops trying once the backend says it has no upload endpoint. */
async function uploadMissing(client: SanityClient, name: string, assets: ImageAsset[], dir: string) {
  const held = new Set(assets.length ? await client.fetch<string[]>('*[_id in $ids]._id', { ids: assets.map((asset) => asset._id) }) : [])
  const failed: Array<{ asset: ImageAsset; reason: string }> = []
  let uploaded = 0
  let noEndpoint: string | undefined
  for (const asset of assets.filter((a) => !held.has(a._id))) {
    if (noEndpoint) {
      failed.push({ asset, reason: noEndpoint })
      continue
    }
    try {
      const result = await client.assets.upload('image', readFileSync(join(dir, 'images', fileOf(asset))), {
        filename: asset.originalFilename,
        contentType: asset.mimeType,
      })
      if (result._id !== asset._id) failed.push({ asset, reason: `the backend stored it as ${result._id}, not ${asset._id}` })
      else uploaded++
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode
      if (status === 404 || status === 405) {
        noEndpoint = `${name} has no asset upload endpoint (${status})`
        failed.push({ asset, reason: noEndpoint })
        continue
      }
      const explained = explainBackendError(error, name)
      failed.push({ asset, reason: explained instanceof Error ? explained.message : String(explained) })
    }
  }
  return { uploaded, failed }
}
