/**
 * `export DIR`: the backend's documents, drafts included, in the format `sanity dataset export`
 * writes (lake/export-format.ts): DIR/data.ndjson without asset documents, image fields as
 * `_sanityAsset` pointing into DIR/images/, each file downloaded from the backend's image URL and
 * checked against the sha1 in its name, and DIR/assets.json with the original file names.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import type { SanityDocument } from '@sanity/client'

import { exportDocuments, findExportedAssets, parseExportedImage, type AssetMap } from '../../lake/export-format'
import { toNdjson, type LakeDocument } from '../../lake/ndjson'
import type { Backend } from './client'
import { CliError } from './errors'

type ImageAsset = SanityDocument & { path?: string; url?: string; originalFilename?: string }

// System documents (`_.`) and release versions are not part of an export.
const EXPORT_QUERY = '*[!(_id in path("_.**")) && !(_id in path("versions.**"))]'

export async function exportDataset({ client, name, env, imageBase }: Backend, args: string[]): Promise<void> {
  const [dirArg] = args
  if (!dirArg || args.length > 1) throw new CliError('export takes one folder: npm run content -- export DIR')
  const dir = resolve(dirArg)
  if (existsSync(join(dir, 'data.ndjson')))
    throw new CliError(`${join(dir, 'data.ndjson')} already exists: export into an empty or new folder.`)

  const docs = await client.fetch<LakeDocument[]>(EXPORT_QUERY)
  const assets = new Map(docs.filter((doc) => doc._type === 'sanity.imageAsset').map((doc) => [doc._id, doc as ImageAsset]))
  const exported = exportDocuments(docs)
  const files = new Map<string, ReturnType<typeof parseExportedImage>>()
  for (const doc of exported)
    for (const { holder } of findExportedAssets(doc)) {
      const image = parseExportedImage(holder._sanityAsset)
      files.set(image.name, image)
    }

  // Everything is downloaded before anything is written, so a failure leaves no half export.
  const downloaded = new Map<string, Buffer>()
  const assetMap: AssetMap = {}
  for (const image of files.values()) {
    const asset = assets.get(`image-${image.sha1}-${image.width}x${image.height}-${image.extension}`)
    const path = asset?.path ?? `images/${client.config().projectId}/${env.NEXT_PUBLIC_SANITY_DATASET}/${image.name}`
    const url = `${imageBase}/${path}`
    downloaded.set(image.name, await download(url, image.sha1, name))
    if (asset?.originalFilename && asset.originalFilename !== image.name)
      assetMap[`image-${image.sha1}`] = { originalFilename: asset.originalFilename }
  }
  mkdirSync(join(dir, 'images'), { recursive: true })
  for (const [file, bytes] of downloaded) writeFileSync(join(dir, 'images', file), bytes)
  writeFileSync(join(dir, 'data.ndjson'), toNdjson(exported))
  if (Object.keys(assetMap).length > 0) writeFileSync(join(dir, 'assets.json'), `${JSON.stringify(assetMap, null, 2)}\n`)
  console.log(`exported ${exported.length} documents and ${files.size} image files from ${name} to ${dir}`)
}

async function download(url: string, sha1: string, backend: string): Promise<Buffer> {
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000) })
  } catch (error) {
    throw new CliError(`Cannot download ${url} (${(error as Error).cause ?? (error as Error).message}): is ${backend} still running?`)
  }
  if (!response.ok)
    throw new CliError(`Downloading ${url} answered ${response.status}: the image is missing from ${backend}; nothing was exported.`)
  const bytes = Buffer.from(await response.arrayBuffer())
  const actual = createHash('sha1').update(bytes).digest('hex')
  if (actual !== sha1)
    throw new CliError(
      `${url} has sha1 ${actual}, not ${sha1} as its name says: the backend serves another file under that name; nothing was exported.`,
    )
  return bytes
}
