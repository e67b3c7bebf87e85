/**
 * Computes `metadata.lqip` and `metadata.palette` of image files and writes each to the metadata
 * cache. metadata.ts runs this in a worker thread (it needs sharp, which is asynchronous, while
 * datasets load synchronously); `analyseImage` is also usable on its own.
 */
import {mkdir, rename, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'

import sharp from 'sharp'

import {paletteOf, type ImagePalette} from './palette'

export type ImageExtras = {lqip: string; palette: ImagePalette; hasAlpha: boolean; isOpaque: boolean}
export type MetadataJob = {sha1: string; file: string; cacheFile: string}

/** Raise when what is computed changes, so cached entries are computed again. */
export const METADATA_VERSION = 1
/** Sanity's LQIP is a JPEG 20 pixels wide, as a data URL. */
const LQIP_WIDTH = 20
const PALETTE_SIZE = 64

export async function analyseImage(file: string): Promise<ImageExtras> {
  const meta = await sharp(file).metadata()
  const hasAlpha = Boolean(meta.hasAlpha)
  const {data, info} = await sharp(file).resize(PALETTE_SIZE, PALETTE_SIZE, {fit: 'inside'}).ensureAlpha().raw().toBuffer({resolveWithObject: true})
  const isOpaque = hasAlpha ? (await sharp(file).stats()).isOpaque : true
  const thumbnail = sharp(data, {raw: {width: info.width, height: info.height, channels: 4}}).resize(LQIP_WIDTH)
  const lqip = isOpaque
    ? `data:image/jpeg;base64,${(await thumbnail.flatten().jpeg({quality: 60}).toBuffer()).toString('base64')}`
    : `data:image/png;base64,${(await thumbnail.png().toBuffer()).toString('base64')}`
  return {lqip, palette: paletteOf(data, 4), hasAlpha, isOpaque}
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
        await mkdir(dirname(job.cacheFile), {recursive: true})
        const tmp = `${job.cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
        await writeFile(tmp, JSON.stringify({version: METADATA_VERSION, ...extras}))
        await rename(tmp, job.cacheFile)
      } catch {
        // an unwritable cache only means computing again next time
      }
    }
  }
  await Promise.all(Array.from({length: 4}, worker))
  return out
}
