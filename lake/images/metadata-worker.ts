/**
 * Computes `metadata.lqip` and `metadata.palette` of image files and writes each to the metadata
 * cache. metadata.ts runs this in a worker thread (it needs sharp, which is asynchronous, while
 * datasets load synchronously); `analyseImage` is also usable on its own.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import sharp from 'sharp'

import { paletteOf, type ImagePalette } from './palette'

export type ImageExtras = { lqip: string; palette: ImagePalette; hasAlpha: boolean; isOpaque: boolean }
export type MetadataJob = { sha1: string; file: string; cacheFile: string }

/** Raise when what is computed changes, so cached entries are computed again. */
export const METADATA_VERSION = 1
/** Sanity's LQIP is a JPEG 20 pixels wide, as a data URL. */
const LQIP_WIDTH = 20
const PALETTE_SIZE = 64

/** Files up to this size are decoded once, whole; larger ones are read through a thumbnail. */
const FULL_DECODE_PIXELS = 40_000_000

export async function analyseImage(file: string): Promise<ImageExtras> {
  const meta = await sharp(file).metadata()
  const hasAlpha = Boolean(meta.hasAlpha)
  const whole = (meta.width ?? 0) * (meta.height ?? 0) <= FULL_DECODE_PIXELS
  // One decode serves everything: whether any pixel is transparent, then the thumbnails.
  const decoded = await (whole ? sharp(file) : sharp(file).resize(1024, 1024, { fit: 'inside' }))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const raw = { width: decoded.info.width, height: decoded.info.height, channels: 4 as const }
  let isOpaque = true
  if (hasAlpha) {
    for (let i = 3; i < decoded.data.length; i += 4) {
      if (decoded.data[i]! < 255) {
        isOpaque = false
        break
      }
    }
  }
  const small = await sharp(decoded.data, { raw })
    .resize(PALETTE_SIZE, PALETTE_SIZE, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const thumbnail = sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 4 } }).resize(LQIP_WIDTH)
  const lqip = isOpaque
    ? `data:image/jpeg;base64,${(await thumbnail.flatten().jpeg({ quality: 60 }).toBuffer()).toString('base64')}`
    : `data:image/png;base64,${(await thumbnail.png().toBuffer()).toString('base64')}`
  return { lqip, palette: paletteOf(small.data, 4), hasAlpha, isOpaque }
}

/** Analyses every job's file (a few at a time), caching each; a file sharp cannot read is left out. */
export async function run(jobs: MetadataJob[]): Promise<Record<string, ImageExtras>> {
  const out: Record<string, ImageExtras> = {}
  const queue = [...jobs]
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      let extras: ImageExtras
      try {
        extras = await analyseImage(job.file)
      } catch {
        continue
      }
      out[job.sha1] = extras
      try {
        await mkdir(dirname(job.cacheFile), { recursive: true })
        const tmp = `${job.cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
        await writeFile(tmp, JSON.stringify({ version: METADATA_VERSION, ...extras }))
        await rename(tmp, job.cacheFile)
      } catch {
        // an unwritable cache only means computing again next time
      }
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return out
}
