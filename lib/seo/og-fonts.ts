import 'server-only'

import { readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Fonts for generated Open Graph images, read from app/fonts at request (or build) time:
 * nothing is downloaded. Satori reads woff and ttf, not woff2, hence the static .woff cuts.
 */
const FONT_DIR = path.join(process.cwd(), 'app/fonts')

const FACES = [
  { name: 'Source Serif 4', file: 'source-serif-4-latin-700-normal.woff', weight: 700 },
  { name: 'Source Serif 4', file: 'source-serif-4-latin-400-normal.woff', weight: 400 },
  { name: 'Inter', file: 'inter-latin-400-normal.woff', weight: 400 },
  { name: 'Inter', file: 'inter-latin-700-normal.woff', weight: 700 },
] as const

type OgFont = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }

let loaded: Promise<OgFont[]> | undefined

export function ogFonts(): Promise<OgFont[]> {
  loaded ??= Promise.all(
    FACES.map(async (face) => ({
      name: face.name,
      data: await readFile(path.join(FONT_DIR, face.file)),
      weight: face.weight,
      style: 'normal' as const,
    })),
  ).catch((error: unknown) => {
    loaded = undefined
    throw error
  })
  return loaded
}
