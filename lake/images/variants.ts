/**
 * Transformed images, kept on disk beside the dataset in `.image-cache/variants/<file>/<key>.<ext>`
 * (`.image-cache/` is gitignored and nothing exports it). The key is the SHA-1 of the file name and
 * the plan, so a URL always gets the same bytes; identical requests in flight share one transform.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import type { TransformPlan } from './plan'
import { applyPlan, EXTENSIONS } from './transform'

/** Raise when the transform changes in a way that makes cached variants wrong. */
const VARIANT_VERSION = 1

export const CACHE_DIR = '.image-cache'

export type Variant = { data: Buffer; key: string; cache: 'hit' | 'miss' | 'shared' }

const inFlight = new Map<string, Promise<Buffer>>()

export function variantKey(fileName: string, plan: TransformPlan): string {
  return createHash('sha1')
    .update(JSON.stringify([VARIANT_VERSION, fileName, plan]))
    .digest('hex')
}

/**
 * The variant of `imagesDir/fileName` for `plan`: read from the cache, or made (once, however many
 * ask at the same time) and written there. A cache that cannot be written only costs speed.
 */
export async function getVariant(
  imagesDir: string,
  fileName: string,
  plan: TransformPlan,
  source: { width: number; height: number },
  log: (message: string) => void,
): Promise<Variant> {
  const key = variantKey(fileName, plan)
  const path = join(dirname(imagesDir), CACHE_DIR, 'variants', fileName, `${key}.${EXTENSIONS[plan.format]}`)
  try {
    return { data: await readFile(path), key, cache: 'hit' }
  } catch {
    // not made yet
  }
  const pending = inFlight.get(path)
  if (pending) return { data: await pending, key, cache: 'shared' }
  const making = applyPlan(join(imagesDir, fileName), plan, source).then(async (data) => {
    try {
      await mkdir(dirname(path), { recursive: true })
      const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
      await writeFile(tmp, data)
      await rename(tmp, path)
    } catch (err) {
      log(`image cache: cannot write ${path} (${(err as Error).message}); serving without caching`)
    }
    return data
  })
  inFlight.set(path, making)
  try {
    return { data: await making, key, cache: 'miss' }
  } finally {
    inFlight.delete(path)
  }
}
