/**
 * Transformed images, kept on disk beside the dataset in `.image-cache/variants/<file>/<key>.<ext>`
 * (`.image-cache/` is gitignored and nothing exports it). The key is the SHA-1 of the file name and
 * the plan, so a URL always gets the same bytes; identical requests in flight share one transform.
 *
 * Image URLs are public and every parameter combination is a new variant, so both costs are
 * bounded: at most `maxTransforms` transforms run at once and `maxQueued` wait (more get a 503
 * `imageBusy`), and the variants on disk stay under `maxBytes` (the least recently used are
 * deleted down to 80% when a write passes it; a cache hit marks its file used).
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import { LakeError } from '../errors'
import type { TransformPlan } from './plan'
import { applyPlan, EXTENSIONS } from './transform'

/** Raise when the transform changes in a way that makes cached variants wrong. */
const VARIANT_VERSION = 1

export const CACHE_DIR = '.image-cache'

export type Variant = { data: Buffer; key: string; cache: 'hit' | 'miss' | 'shared' }

export type VariantLimits = {
  /** Bytes of variants kept on disk per dataset folder. Default 512 MiB. */
  maxBytes: number
  /** Transforms running at once. Default 2. */
  maxTransforms: number
  /** Transforms waiting for a turn; past this a request is a 503. Default 64. */
  maxQueued: number
}

export const DEFAULT_VARIANT_LIMITS: VariantLimits = { maxBytes: 512 * 1024 * 1024, maxTransforms: 2, maxQueued: 64 }

export function variantKey(fileName: string, plan: TransformPlan): string {
  return createHash('sha1')
    .update(JSON.stringify([VARIANT_VERSION, fileName, plan]))
    .digest('hex')
}

/** The variants of every dataset folder of one lake, with the limits above. */
export class VariantCache {
  private readonly inFlight = new Map<string, Promise<Buffer>>()
  private running = 0
  private readonly waiting: Array<() => void> = []
  /** Bytes on disk per variants folder, counted once when first used. */
  private readonly sizes = new Map<string, Promise<{ bytes: number }>>()
  private pruning: Promise<void> | null = null

  constructor(
    private readonly limits: VariantLimits,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * The variant of `imagesDir/fileName` for `plan`: read from the cache, or made (once, however
   * many ask at the same time) and written there. A cache that cannot be written only costs speed.
   */
  async get(imagesDir: string, fileName: string, plan: TransformPlan, source: { width: number; height: number }): Promise<Variant> {
    const key = variantKey(fileName, plan)
    const root = join(dirname(imagesDir), CACHE_DIR, 'variants')
    const path = join(root, fileName, `${key}.${EXTENSIONS[plan.format]}`)
    try {
      const data = await readFile(path)
      const now = new Date()
      utimes(path, now, now).catch(() => {})
      return { data, key, cache: 'hit' }
    } catch {
      // not made yet
    }
    const pending = this.inFlight.get(path)
    if (pending) return { data: await pending, key, cache: 'shared' }
    const making = this.turn(() => applyPlan(join(imagesDir, fileName), plan, source)).then(async (data) => {
      await this.store(root, path, data)
      return data
    })
    this.inFlight.set(path, making)
    try {
      return { data: await making, key, cache: 'miss' }
    } finally {
      this.inFlight.delete(path)
    }
  }

  /** Runs `work` when fewer than maxTransforms run; refuses when maxQueued already wait. */
  private async turn<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.maxTransforms) {
      if (this.waiting.length >= this.limits.maxQueued) {
        throw new LakeError(503, 'imageBusy', 'Too many image transformations at once; try again in a moment')
      }
      // The finishing transform hands its slot over: `running` stays counted for this one.
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }

  private async store(root: string, path: string, data: Buffer): Promise<void> {
    if (data.length > this.limits.maxBytes) return
    try {
      await mkdir(dirname(path), { recursive: true })
      const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
      await writeFile(tmp, data)
      await rename(tmp, path)
    } catch (err) {
      this.log(`image cache: cannot write ${path} (${(err as Error).message}); serving without caching`)
      return
    }
    const size = await this.size(root)
    size.bytes += data.length
    if (size.bytes > this.limits.maxBytes && !this.pruning) {
      this.pruning = this.prune(root, size).finally(() => (this.pruning = null))
    }
  }

  private size(root: string): Promise<{ bytes: number }> {
    let size = this.sizes.get(root)
    if (!size) {
      size = listFiles(root).then((files) => ({ bytes: files.reduce((sum, f) => sum + f.size, 0) }))
      this.sizes.set(root, size)
    }
    return size
  }

  /** Deletes the least recently used variants until the folder holds 80% of maxBytes. */
  private async prune(root: string, size: { bytes: number }): Promise<void> {
    const files = (await listFiles(root)).sort((a, b) => a.used - b.used)
    let bytes = files.reduce((sum, f) => sum + f.size, 0)
    const target = this.limits.maxBytes * 0.8
    let removed = 0
    for (const file of files) {
      if (bytes <= target) break
      await rm(file.path, { force: true })
      bytes -= file.size
      removed++
    }
    size.bytes = bytes
    if (removed > 0) this.log(`image cache: removed ${removed} least recently used variants to stay under ${this.limits.maxBytes} bytes`)
  }
}

async function listFiles(dir: string): Promise<Array<{ path: string; size: number; used: number }>> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true })
  } catch {
    return []
  }
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name)
        try {
          const s = await stat(path)
          return { path, size: s.size, used: s.mtimeMs }
        } catch {
          return null
        }
      }),
  )
  return files.filter((f): f is { path: string; size: number; used: number } => f !== null)
}
