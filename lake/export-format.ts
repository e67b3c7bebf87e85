/**
 * The translation between Sanity's export format and what a Sanity dataset holds, in one place.
 *
 * `sanity dataset export` writes no asset documents: every image field `{_type: 'image', asset:
 * {_ref: 'image-<sha1>-<w>x<h>-<ext>'}, ...}` becomes `{_sanityAsset: 'image@file://./images/
 * <sha1>-<w>x<h>.<ext>', _type: 'image', ...}` with the file in images/ beside data.ndjson, and
 * optional asset metadata (originalFilename...) in assets.json, keyed `image-<sha1>`.
 * `sanity dataset import` uploads each file and points `asset._ref` at the uploaded asset, whose
 * id is `image-<sha1 of the file>-<w>x<h>-<ext>`.
 *
 * - importExportedDocuments: what the dataset holds after import (refs plus one
 *   `sanity.imageAsset` per distinct file). Documents without `_sanityAsset` pass unchanged.
 * - exportDocuments: the reverse (what export writes), for writing a dataset back.
 *
 * Only images in the export layout (`image@file://./images/<sha1>-<w>x<h>.<ext>`) are supported;
 * anything else fails with an ExportFormatError naming the document and field.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { imageExtras } from './images/metadata'

export type ExportDocument = { _id: string; _type: string; [key: string]: unknown }

/** What assets.json holds: asset metadata keyed `image-<sha1>` (see @sanity/export). */
export type AssetMap = Record<string, { originalFilename?: string; [key: string]: unknown }>

export type ImportOptions = {
  /** The folder of data.ndjson; image files are read from its images/ folder. */
  datasetDir: string
  /** Project and dataset the synthesized asset documents' path and url name. Default local/production. */
  projectId?: string
  dataset?: string
  /** Asset metadata; default: assets.json in datasetDir, if there is one. */
  assetMap?: AssetMap
  /**
   * Give asset documents `metadata.lqip`, `palette`, `hasAlpha` and `isOpaque` as Sanity computes
   * them on upload (images/metadata.ts; cached in `.image-cache/` beside the dataset). Default true.
   */
  imageMetadata?: boolean
}

/** A `_sanityAsset` that cannot be imported: names the document and the field. */
export class ExportFormatError extends Error {
  constructor(
    readonly docId: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`document "${docId}" field ${path || '(document)'}: ${problem}`)
    this.name = 'ExportFormatError'
  }
}

/** `<sha1>-<w>x<h>.<ext>`: the name export gives an image file, and the lake serves. */
export const IMAGE_FILE_NAME = /^([a-f0-9]{40})-(\d+)x(\d+)\.([a-z0-9]+)$/
/** The id Sanity gives an uploaded image (as @sanity/export's isSanityAsset recognises it). */
export const IMAGE_ASSET_ID = /^image-([a-f0-9]{40})-(\d+)x(\d+)-([a-z0-9]+)$/
const SANITY_ASSET = /^(file|image)@(.*)$/
const EXPORTED_IMAGE = /^file:\/\/\.\/images\/([^/]+)$/

/** Image file extension -> media type, for asset documents and for serving the files. */
export const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  tiff: 'image/tiff',
}

type Path = Array<string | number | { _key: string }>

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `body[_key=="abc"].asset`, as Sanity names paths in its messages. */
export function pathToString(path: Path): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`
    if (typeof segment === 'object') return `${out}[_key=="${segment._key}"]`
    return out ? `${out}.${segment}` : segment
  }, '')
}

/**
 * Rebuilds `value` bottom-up with `visit` applied to every object; returns the same value (not a
 * copy) when nothing changed, so documents without assets cost no allocation.
 */
function mapObjects(value: unknown, path: Path, visit: (obj: Record<string, unknown>, path: Path) => Record<string, unknown>): unknown {
  if (Array.isArray(value)) {
    let changed = false
    const items = value.map((item, index) => {
      const segment = isRecord(item) && typeof item._key === 'string' ? { _key: item._key } : index
      const next = mapObjects(item, [...path, segment], visit)
      if (next !== item) changed = true
      return next
    })
    return changed ? items : value
  }
  if (!isRecord(value)) return value
  let changed = false
  const entries = Object.entries(value).map(([key, child]) => {
    const next = mapObjects(child, [...path, key], visit)
    if (next !== child) changed = true
    return [key, next] as const
  })
  return visit(changed ? Object.fromEntries(entries) : value, path)
}

export type ExportedImage = { name: string; sha1: string; width: number; height: number; extension: string; mimeType: string }

/**
 * The image file a `_sanityAsset` value names (`image@file://./images/<sha1>-<w>x<h>.<ext>`);
 * throws an Error saying what is wrong with any other value.
 */
export function parseExportedImage(value: unknown): ExportedImage {
  const match = typeof value === 'string' ? SANITY_ASSET.exec(value) : null
  if (!match) throw new Error(`_sanityAsset must be "image@<url>" or "file@<url>", got ${JSON.stringify(value)}`)
  const [, type, url] = match
  if (type === 'file') throw new Error(`file assets are not supported (${value}); only images in images/`)
  const name = EXPORTED_IMAGE.exec(url!)?.[1]
  if (!name) throw new Error(`only images beside the dataset are supported ("image@file://./images/<file>"), got "${value}"`)
  const parts = IMAGE_FILE_NAME.exec(name)
  if (!parts) throw new Error(`image file "${name}" is not named <sha1>-<width>x<height>.<ext> as sanity dataset export names it`)
  const [, sha1, width, height, extension] = parts
  const mimeType = MIME_TYPES[extension!]
  if (!mimeType) throw new Error(`image file "${name}" has an extension that is not an image type (${Object.keys(MIME_TYPES).join(', ')})`)
  return { name, sha1: sha1!, width: Number(width), height: Number(height), extension: extension!, mimeType }
}

/** Every object in `doc` that holds a `_sanityAsset`, with its path (`mainImage`, `body[_key=="k"]`). */
export function findExportedAssets(doc: ExportDocument): Array<{ holder: Record<string, unknown>; path: string }> {
  const found: Array<{ holder: Record<string, unknown>; path: string }> = []
  mapObjects(doc, [], (obj, path) => {
    if ('_sanityAsset' in obj) found.push({ holder: obj, path: pathToString(path) })
    return obj
  })
  return found
}

function readAssetMap(datasetDir: string): AssetMap {
  const file = join(datasetDir, 'assets.json')
  if (!existsSync(file)) return {}
  const map = JSON.parse(readFileSync(file, 'utf8')) as unknown
  if (!isRecord(map)) throw new Error(`${file}: expected an object keyed by asset id`)
  return map as AssetMap
}

/**
 * The `sanity.imageAsset` document of an image file in images/, as Sanity holds it after an
 * upload or an import (without the metadata computed from the pixels, see images/metadata.ts).
 */
export function imageAssetDocument(
  file: ExportedImage,
  options: { size: number; originalFilename: string; projectId: string; dataset: string },
): ExportDocument {
  const storedPath = `images/${options.projectId}/${options.dataset}/${file.name}`
  return {
    _id: `image-${file.sha1}-${file.width}x${file.height}-${file.extension}`,
    _type: 'sanity.imageAsset',
    assetId: file.sha1,
    sha1hash: file.sha1,
    extension: file.extension,
    mimeType: file.mimeType,
    size: options.size,
    originalFilename: options.originalFilename,
    path: storedPath,
    // Where a browser on the site finds the file: the site serves the lake's images at /lake/images
    // (app/lake/images). Sanity's own asset URLs are absolute CDN URLs; no query of the site reads this.
    url: `/lake/${storedPath}`,
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: { _type: 'sanity.imageDimensions', width: file.width, height: file.height, aspectRatio: file.width / file.height },
    },
  }
}

/**
 * What Sanity holds after `sanity dataset import` of these exported documents: every
 * `_sanityAsset: 'image@file://./images/<sha1>-<w>x<h>.<ext>'` becomes `asset: {_type:
 * 'reference', _ref: 'image-<sha1>-<w>x<h>-<ext>'}`, and one `sanity.imageAsset` document per
 * distinct file is appended (unless the dataset already has a document with that id). Throws an
 * ExportFormatError for a value it cannot import or a file that is not there.
 */
export function importExportedDocuments<T extends ExportDocument>(docs: readonly T[], options: ImportOptions): Array<T | ExportDocument> {
  const { datasetDir, projectId = 'local', dataset = 'production', imageMetadata = true } = options
  let assetMap: AssetMap | undefined = options.assetMap
  const ids = new Set(docs.map((doc) => doc._id))
  const assets = new Map<string, ExportDocument>()

  const imported = docs.map((doc) =>
    mapObjects(doc, [], (obj, path) => {
      if (!('_sanityAsset' in obj)) return obj
      const fail = (problem: string) => new ExportFormatError(doc._id, pathToString(path), problem)
      let file: ExportedImage
      try {
        file = parseExportedImage(obj._sanityAsset)
      } catch (err) {
        throw fail((err as Error).message)
      }
      const id = `image-${file.sha1}-${file.width}x${file.height}-${file.extension}`
      if (!assets.has(id)) {
        const location = join(datasetDir, 'images', file.name)
        let size: number
        try {
          size = statSync(location).size
        } catch {
          throw fail(`image file images/${file.name} is not beside the dataset (${location})`)
        }
        assetMap ??= readAssetMap(datasetDir)
        const originalFilename = assetMap[`image-${file.sha1}`]?.originalFilename ?? file.name
        assets.set(id, imageAssetDocument(file, { size, originalFilename, projectId, dataset }))
      }
      const rest = { ...obj }
      delete rest._sanityAsset
      return { ...rest, asset: { _type: 'reference', _ref: id } }
    }),
  ) as T[]
  const added = [...assets.values()].filter((asset) => !ids.has(asset._id))
  if (imageMetadata && added.length > 0) {
    const files = added.map((asset) => ({ sha1: asset.sha1hash as string, name: (asset.path as string).split('/').pop()! }))
    const extras = imageExtras(datasetDir, files)
    for (const asset of added) {
      const found = extras.get(asset.sha1hash as string)
      if (found)
        asset.metadata = {
          ...(asset.metadata as object),
          lqip: found.lqip,
          palette: found.palette,
          hasAlpha: found.hasAlpha,
          isOpaque: found.isOpaque,
        }
    }
  }
  return [...imported, ...added]
}

/**
 * What `sanity dataset export` writes for these documents: `sanity.imageAsset` documents are left
 * out (their files are in images/), and every field whose `asset._ref` is an image asset id becomes
 * `{_sanityAsset: 'image@file://./images/<sha1>-<w>x<h>.<ext>', ...the other keys}`.
 */
export function exportDocuments<T extends ExportDocument>(docs: readonly T[]): T[] {
  return docs
    .filter((doc) => !(doc._type === 'sanity.imageAsset' && IMAGE_ASSET_ID.test(doc._id)))
    .map(
      (doc) =>
        mapObjects(doc, [], (obj) => {
          const ref = isRecord(obj.asset) ? obj.asset._ref : undefined
          const match = typeof ref === 'string' ? IMAGE_ASSET_ID.exec(ref) : null
          if (!match) return obj
          const [, sha1, width, height, extension] = match
          const rest = { ...obj }
          delete rest.asset
          return { _sanityAsset: `image@file://./images/${sha1}-${width}x${height}.${extension}`, ...rest }
        }) as T,
    )
}
