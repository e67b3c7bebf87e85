import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, join } from 'node:path'

import sharp from 'sharp'

import type { LakeContext } from '../context'
import { LakeError } from '../errors'
import { type AssetMap, type ExportedImage, imageAssetDocument, MIME_TYPES } from '../export-format'
import { readBodyBytes, sendJson } from '../http'
import { run as analyseImages } from '../images/metadata-worker'
import { CACHE_DIR } from '../images/variants'
import type { LakeDocument } from '../ndjson'
import type { DatasetStore } from '../store'
import { newId, WorkingCopy } from '../transaction'

/** Largest image the lake takes (Sanity's own limit is far larger; a local Studio needs no more). */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024
/** Pixels an upload may have (40 MP): a small file can claim a huge image (a decompression bomb). */
export const MAX_INPUT_PIXELS = 40_000_000

/** sharp's format name -> the extension the file gets. SVG is refused: served from the lake's origin it could run script. */
const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', tiff: 'tiff', avif: 'avif' }
/** Body types an upload may carry: what the Studio sends for a file, and none (a Node client with a Buffer). */
const BODY_TYPE = /^(image\/[a-z0-9.+-]+|application\/octet-stream)$/

/**
 * POST /v:version/assets/images/:dataset - an image upload, as `client.assets.upload('image', body)`
 * sends it: the raw bytes, `filename` (and label, title, description, creditLine) in the query.
 * The file is stored once, by content, as `images/<sha1>-<w>x<h>.<ext>` (the name
 * `sanity dataset export` gives it), and its `sanity.imageAsset` document (export-format.ts) is
 * created in the dataset; the same bytes again answer the same document. Answers `{document}`.
 *
 * Like every asset document, it is not written to the dataset file: a document that references
 * it is written with `_sanityAsset` pointing at the file, and the document comes back from the
 * file on load. So an uploaded image nothing refers to is gone after a reload, as it would be
 * from an export. `filename` is kept in assets.json beside the dataset (as export writes it).
 */
const tooManyPixels = (what: string) =>
  new LakeError(
    413,
    'httpRequestEntityTooLarge',
    `${what} has too many pixels: an upload may have at most ${MAX_INPUT_PIXELS / 1e6} million`,
  )

export async function uploadImage(context: LakeContext, req: IncomingMessage, res: ServerResponse, store: DatasetStore): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type && !BODY_TYPE.test(type)) {
    throw new LakeError(415, 'httpUnsupportedMediaType', `An image upload's body must be the image's bytes (image/*), got "${type}"`)
  }
  const bytes = await readBodyBytes(req, MAX_ASSET_BYTES)
  let format: string | undefined
  let width: number | undefined
  let height: number | undefined
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()
    ;({ width, height } = meta)
    // sharp names AVIF files heif; other HEIF files (HEIC) are not served by the image pipeline.
    format = meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : undefined) : meta.format
  } catch (err) {
    // sharp refuses a header past limitInputPixels; anything else is not an image sharp can read.
    if (/pixel limit/i.test((err as Error)?.message ?? '')) throw tooManyPixels('The image')
  }
  // metadata() reads only the header, so the limit is checked here, before anything decodes or is written.
  if (width && height && width * height > MAX_INPUT_PIXELS) throw tooManyPixels(`The image (${width}x${height})`)
  const extension = EXTENSIONS[format ?? '']
  if (!extension || !width || !height) {
    throw new LakeError(
      415,
      'httpUnsupportedMediaType',
      `The body is not an image the lake stores (${Object.values(EXTENSIONS).join(', ')})`,
    )
  }
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const file: ExportedImage = {
    name: `${sha1}-${width}x${height}.${extension}`,
    sha1,
    width,
    height,
    extension,
    mimeType: MIME_TYPES[extension]!,
  }
  const params = new URL(req.url ?? '/', 'http://lake.local').searchParams
  const filename = params.get('filename')

  // The name is built from hex digits, numbers and a fixed extension: it cannot leave images/.
  const location = join(store.imagesDir, file.name)
  if (!existsSync(location)) {
    mkdirSync(store.imagesDir, { recursive: true })
    const tmp = join(store.imagesDir, `.${file.name}.${process.pid}.${newId()}.tmp`)
    try {
      writeFileSync(tmp, bytes)
      renameSync(tmp, location)
    } catch (err) {
      rmSync(tmp, { force: true })
      throw err
    }
  }
  if (filename) rememberFilename(dirname(store.file), sha1, filename, context)
  const cacheFile = join(dirname(store.file), CACHE_DIR, 'metadata', `${sha1}.json`)
  const extras = (await analyseImages([{ sha1, file: location, cacheFile }]))[sha1]

  const asset = imageAssetDocument(file, {
    size: bytes.length,
    originalFilename: filename || file.name,
    projectId: 'local',
    dataset: store.name,
  })
  const existing = store.view('raw').byId.get(asset._id)
  if (existing) {
    sendJson(res, 200, { document: existing })
    return
  }
  const described: Record<string, unknown> = {}
  for (const name of ['label', 'title', 'description', 'creditLine']) {
    const value = params.get(name)
    if (value) described[name] = value
  }
  const metadata = { ...(asset.metadata as object), ...(extras ?? {}) }
  const work = new WorkingCopy(store, newId())
  const document = work.put({ ...asset, ...described, metadata } as LakeDocument, true)
  work.commit()
  sendJson(res, 200, { document })
}

/** Keeps an upload's file name in assets.json (keyed `image-<sha1>`, as `sanity dataset export` writes it). */
function rememberFilename(datasetDir: string, sha1: string, filename: string, context: LakeContext): void {
  const file = join(datasetDir, 'assets.json')
  try {
    const map = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as AssetMap
    const key = `image-${sha1}`
    if (map[key]?.originalFilename) return
    map[key] = { ...map[key], originalFilename: filename }
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, `${JSON.stringify(map, null, 2)}\n`)
    renameSync(tmp, file)
  } catch (err) {
    context.log(`could not record the name of ${filename} in ${file}: ${(err as Error).message}`)
  }
}
