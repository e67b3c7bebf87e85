/**
 * `metadata.lqip`, `metadata.palette`, `hasAlpha` and `isOpaque` of image files, for the asset
 * documents export-format.ts synthesizes at load. Sanity computes these once, on upload; the lake
 * computes them once per file and keeps them in `.image-cache/metadata/<sha1>.json` beside the
 * dataset (files are named by their SHA-1, so an entry never goes stale), and in memory.
 *
 * Loading a dataset is synchronous and sharp is not, so files not yet cached are analysed in a
 * worker thread (metadata-worker.ts, loaded through tsx) while this thread waits. A file that
 * cannot be analysed, or a worker that cannot start, leaves those fields out: never a failed load.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'

// sharp must be loaded by the main thread before any worker loads it (sharp's install notes).
import 'sharp'

import { METADATA_VERSION, type ImageExtras, type MetadataJob } from './metadata-worker'
import { CACHE_DIR } from './variants'

export type { ImageExtras }

const memo = new Map<string, ImageExtras>()

/** How long a load waits for the worker: generous, since a cold cache of a large dataset takes a while. */
const timeoutMs = (files: number) => 30_000 + files * 500

function readCached(cacheFile: string): ImageExtras | undefined {
  try {
    const { version, ...extras } = JSON.parse(readFileSync(cacheFile, 'utf8')) as ImageExtras & { version: number }
    return version === METADATA_VERSION && typeof extras.lqip === 'string' ? extras : undefined
  } catch {
    return undefined
  }
}

/** Runs metadata-worker.ts on `jobs` and blocks until it answers (or the time runs out). */
function analyseBlocking(jobs: MetadataJob[]): Record<string, ImageExtras> {
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const local = createRequire(__filename)
  const bootstrap = `
    const {workerData: {port, signal, tsx, entry, jobs}} = require('node:worker_threads')
    const answer = (message) => { port.postMessage(message); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0) }
    try {
      require(tsx)
      require(entry).run(jobs).then((result) => answer({result}), (err) => answer({error: String(err && err.stack || err)}))
    } catch (err) { answer({error: String(err && err.stack || err)}) }
  `
  let worker: Worker
  try {
    const workerData = { port: port2, signal, tsx: local.resolve('tsx/cjs'), entry: join(__dirname, 'metadata-worker.ts'), jobs }
    worker = new Worker(bootstrap, { eval: true, workerData, transferList: [port2] })
  } catch (err) {
    console.error(`lake: image metadata not computed (${(err as Error).message})`)
    return {}
  }
  const waited = Atomics.wait(signal, 0, 0, timeoutMs(jobs.length))
  const message = receiveMessageOnPort(port1)?.message as { result?: Record<string, ImageExtras>; error?: string } | undefined
  port1.close()
  if (waited === 'timed-out') {
    // Let it finish in the background: what it caches is there for the next load.
    worker.unref()
    console.error(`lake: image metadata of ${jobs.length} files not ready in time; lqip and palette left out until the next load`)
    return {}
  }
  void worker.terminate()
  if (message?.error) console.error(`lake: image metadata not computed (${message.error})`)
  return message?.result ?? {}
}

/**
 * The extras of each image file in `datasetDir/images`, by SHA-1, from memory, the cache, or
 * (for the rest, all in one worker) computed now. Files that could not be analysed are missing.
 */
export function imageExtras(datasetDir: string, files: ReadonlyArray<{ sha1: string; name: string }>): Map<string, ImageExtras> {
  const out = new Map<string, ImageExtras>()
  const jobs: MetadataJob[] = []
  for (const { sha1, name } of files) {
    const cacheFile = join(datasetDir, CACHE_DIR, 'metadata', `${sha1}.json`)
    const known = memo.get(sha1) ?? readCached(cacheFile)
    if (known) out.set(sha1, known)
    else jobs.push({ sha1, file: join(datasetDir, 'images', name), cacheFile })
  }
  if (jobs.length > 0) {
    for (const [sha1, extras] of Object.entries(analyseBlocking(jobs))) out.set(sha1, extras)
  }
  for (const [sha1, extras] of out) memo.set(sha1, extras)
  return out
}
