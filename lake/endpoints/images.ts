import {createReadStream, statSync} from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {join} from 'node:path'

import type {LakeContext} from '../context'
import {notFound} from '../errors'

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  svg: 'image/svg+xml', avif: 'image/avif', tiff: 'image/tiff',
}

/**
 * Image files at the CDN's paths (/images/:projectId/:dataset/:sha1-:wx:h.:ext). Transform
 * parameters (w, h, fit, auto, q...) are ignored: the original file is served.
 */
export function serveImage(
  context: LakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  datasetName: string,
  file: string,
  ext: string,
): void {
  const store = context.datasets.get(decodeURIComponent(datasetName))
  const type = IMAGE_TYPES[ext]
  if (!store || !type || (req.method !== 'GET' && req.method !== 'HEAD')) throw notFound(`No image ${file}`)
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
  // The file name holds the content's SHA-1, so the bytes behind a URL never change.
  const etag = `"${file}-${size}"`
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
  res.setHeader('ETag', etag)
  res.setHeader('Last-Modified', mtime.toUTCString())
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304
    res.end()
    return
  }
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
}
