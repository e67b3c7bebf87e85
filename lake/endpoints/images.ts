import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'

import type { LakeContext } from '../context'
import { notFound } from '../errors'
import { parseImageParams } from '../images/params'
import { planTransform } from '../images/plan'
import { CONTENT_TYPES } from '../images/transform'
import { MIME_TYPES } from '../export-format'
import { decodePathPart } from '../http'

const DIMENSIONS = /-(\d+)x(\d+)\.[a-z0-9]+$/

/**
 * Image files at the CDN's paths (/images/:projectId/:dataset/:sha1-:wx:h.:ext), transformed by
 * the image pipeline's parameters (images/params.ts) as Sanity's CDN does; variants are cached
 * on disk (images/variants.ts). Without parameters that change anything, the file itself.
 */
export async function serveImage(
  context: LakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  datasetName: string,
  file: string,
  ext: string,
): Promise<void> {
  const store = context.datasets.get(decodePathPart(datasetName))
  const type = MIME_TYPES[ext]
  const dimensions = DIMENSIONS.exec(file)
  if (!store || !type || !dimensions || (req.method !== 'GET' && req.method !== 'HEAD')) throw notFound(`No image ${file}`)
  const path = join(store.imagesDir, file)
  let size: number
  let mtime: Date
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new Error('not a file')
    size = stat.size
    mtime = stat.mtime
  } catch {
    throw notFound(`No image ${file} in dataset "${store.name}"`)
  }
  const source = { width: Number(dimensions[1]), height: Number(dimensions[2]), extension: ext }
  const params = parseImageParams(new URL(req.url ?? '/', 'http://lake.local').searchParams)
  const plan = planTransform(params, source, req.headers.accept)
  // An image from an imported dataset (an SVG) must not run script or load anything on the lake's origin.
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox")
  // The file name holds the content's SHA-1, so the bytes behind a URL never change.
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
  if (params.autoFormat && !params.fm) res.setHeader('Vary', [res.getHeader('Vary'), 'Accept'].filter(Boolean).join(', '))
  if (params.download !== undefined) {
    const name = (params.download || file).replace(/[^\w.-]/g, '_')
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`)
  }

  if (!plan) {
    const etag = `"${file}-${size}"`
    res.setHeader('ETag', etag)
    res.setHeader('Last-Modified', mtime.toUTCString())
    if (notModified(req, res, etag)) return
    res.statusCode = 200
    res.setHeader('Content-Type', type)
    res.setHeader('Content-Length', size)
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res)
    return
  }

  const variant = await context.images.get(store.imagesDir, file, plan, source)
  const etag = `"${variant.key}"`
  res.setHeader('ETag', etag)
  res.setHeader('x-lake-image-cache', variant.cache)
  if (notModified(req, res, etag)) return
  res.statusCode = 200
  res.setHeader('Content-Type', CONTENT_TYPES[plan.format])
  res.setHeader('Content-Length', variant.data.length)
  res.end(req.method === 'HEAD' ? undefined : variant.data)
}

function notModified(req: IncomingMessage, res: ServerResponse, etag: string): boolean {
  if (req.headers['if-none-match'] !== etag) return false
  res.statusCode = 304
  res.end()
  return true
}
