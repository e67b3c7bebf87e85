/**
 * Draws the sample dataset's images: deterministic abstract PNGs, rendered with sharp from SVG,
 * nothing downloaded. Same input, same bytes, same sha1, so asset ids never churn.
 *
 *   npm run content:images
 *
 * Writes content/images/<sha1>-<w>x<h>.png (the `sanity dataset export` layout) and removes files
 * no image uses any more. Writes content/source/image-assets.json (image name -> the
 * `_sanityAsset` value an image field holds in the export, for content/source/build.ts) and
 * content/assets.json (asset metadata keyed `image-<sha1>`, as export writes it: the original
 * file name, which `sanity dataset import` gives the uploaded asset). No asset documents: import
 * creates them when it uploads the files.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import sharp from 'sharp'

type Motif = 'bands' | 'orbits' | 'grid' | 'peaks' | 'portrait'
interface ImageSpec {
  name: string
  motif: Motif
  palette: readonly string[]
  width: number
  height: number
}

const ROOT = join(__dirname, '..', 'content')
const IMAGES_DIR = join(ROOT, 'images')
const MANIFEST = join(ROOT, 'source', 'image-assets.json')
const ASSET_MAP = join(ROOT, 'assets.json')

const PALETTES = {
  ink: ['#14213d', '#fca311', '#e5e5e5', '#3d5a80', '#ffffff'],
  forest: ['#1b4332', '#52b788', '#d8f3dc', '#2d6a4f', '#f4a261'],
  ember: ['#3d0c11', '#d62828', '#f77f00', '#fcbf49', '#eae2b7'],
  sea: ['#023047', '#219ebc', '#8ecae6', '#ffb703', '#fb8500'],
  plum: ['#2b2d42', '#8d99ae', '#edf2f4', '#ef233c', '#6a4c93'],
  sand: ['#3c3c3c', '#e9c46a', '#f4f1de', '#e07a5f', '#81b29a'],
} as const

const wide = (name: string, motif: Motif, palette: keyof typeof PALETTES): ImageSpec => ({
  name,
  motif,
  palette: PALETTES[palette],
  width: 1200,
  height: 675,
})
const square = (name: string, palette: keyof typeof PALETTES): ImageSpec => ({
  name,
  motif: 'portrait',
  palette: PALETTES[palette],
  width: 600,
  height: 600,
})

export const IMAGES: readonly ImageSpec[] = [
  wide('lead-from-behind', 'orbits', 'ink'),
  wide('strategy-fog', 'bands', 'sea'),
  wide('capital-allocation', 'grid', 'sand'),
  wide('scope-three', 'peaks', 'forest'),
  wide('hybrid-teams', 'orbits', 'plum'),
  wide('pricing-power', 'peaks', 'ember'),
  wide('ai-pilots', 'grid', 'sea'),
  wide('board-questions', 'bands', 'ink'),
  wide('family-business', 'peaks', 'sand'),
  wide('resilient-supply', 'orbits', 'forest'),
  wide('decision-speed', 'bands', 'ember'),
  wide('body-stakeholder-map', 'grid', 'forest'),
  wide('body-margin-bridge', 'peaks', 'sand'),
  square('jennifer-jordan', 'plum'),
  square('marc-olivier-duval', 'sea'),
  square('amara-okafor', 'forest'),
  square('lena-hartmann', 'ember'),
  square('rahul-mehta', 'sand'),
]

/** mulberry32: a tiny seeded PRNG, so each image is drawn the same way every run. */
function random(seedText: string): () => number {
  let seed = createHash('sha1').update(seedText).digest().readUInt32LE(0)
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)] as T
const n = (value: number) => value.toFixed(1)

function shapes(spec: ImageSpec, rnd: () => number): string {
  const { width: w, height: h, palette } = spec
  const accents = palette.slice(1)
  switch (spec.motif) {
    case 'bands':
      return Array.from({ length: 7 }, (_, i) => {
        const y = (h / 7) * i + rnd() * 30
        const d = `M0 ${n(y)} C ${n(w * 0.3)} ${n(y - 80 + rnd() * 160)}, ${n(w * 0.7)} ${n(y - 80 + rnd() * 160)}, ${w} ${n(y + rnd() * 60)} L ${w} ${h} L 0 ${h} Z`
        return `<path d="${d}" fill="${pick(accents, rnd)}" opacity="0.${5 + (i % 4)}"/>`
      }).join('')
    case 'orbits':
      return Array.from({ length: 9 }, (_, i) => {
        const r = 40 + i * 45 + rnd() * 20
        const cx = w * (0.35 + rnd() * 0.3)
        const cy = h * (0.35 + rnd() * 0.3)
        const fill = i % 3 === 0 ? pick(accents, rnd) : 'none'
        return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}" fill-opacity="0.35" stroke="${pick(accents, rnd)}" stroke-width="${4 + Math.floor(rnd() * 10)}"/>`
      }).join('')
    case 'grid': {
      const size = w / 12
      const cells: string[] = []
      for (let x = 0; x < 12; x += 1) {
        for (let y = 0; y < Math.ceil(h / size); y += 1) {
          if (rnd() < 0.45) continue
          const shape =
            rnd() < 0.5
              ? `<rect x="${n(x * size + 6)}" y="${n(y * size + 6)}" width="${n(size - 12)}" height="${n(size - 12)}"`
              : `<circle cx="${n(x * size + size / 2)}" cy="${n(y * size + size / 2)}" r="${n(size / 2 - 8)}"`
          cells.push(`${shape} fill="${pick(accents, rnd)}"/>`)
        }
      }
      return cells.join('')
    }
    case 'peaks':
      return Array.from({ length: 5 }, (_, i) => {
        const base = h * (0.45 + i * 0.12)
        const points = [`0,${h}`]
        for (let x = 0; x <= w; x += w / 8) points.push(`${n(x)},${n(base - rnd() * h * 0.35)}`)
        points.push(`${w},${h}`)
        return `<polygon points="${points.join(' ')}" fill="${accents[i % accents.length]}"/>`
      }).join('')
    case 'portrait': {
      // An abstract head-and-shoulders, not a likeness: the sample authors are fictional.
      const skin = pick(['#f1c27d', '#c68642', '#8d5524', '#e0ac69', '#ffdbac'], rnd)
      const rings = Array.from(
        { length: 4 },
        (_, i) =>
          `<circle cx="${n(w * rnd())}" cy="${n(h * rnd() * 0.5)}" r="${n(60 + i * 30)}" fill="${pick(accents, rnd)}" opacity="0.45"/>`,
      ).join('')
      return (
        `${rings}<ellipse cx="${w / 2}" cy="${h}" rx="${w * 0.36}" ry="${h * 0.38}" fill="${pick(accents, rnd)}"/>` +
        `<circle cx="${w / 2}" cy="${h * 0.42}" r="${w * 0.17}" fill="${skin}"/>`
      )
    }
  }
}

function svgFor(spec: ImageSpec): string {
  const rnd = random(spec.name)
  const background = spec.palette[0]
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${spec.height}" viewBox="0 0 ${spec.width} ${spec.height}"><rect width="100%" height="100%" fill="${background}"/>${shapes(spec, rnd)}</svg>`
}

async function render(spec: ImageSpec) {
  const png = await sharp(Buffer.from(svgFor(spec)))
    .png({ palette: true, colors: 24, dither: 0, compressionLevel: 9, effort: 10 })
    .toBuffer()
  const sha1 = createHash('sha1').update(png).digest('hex')
  return { png, sha1, fileName: `${sha1}-${spec.width}x${spec.height}.png` }
}

async function main() {
  mkdirSync(IMAGES_DIR, { recursive: true })
  const manifest: Record<string, string> = {}
  const assetMap: Record<string, { originalFilename: string }> = {}
  const keep = new Set<string>()
  for (const spec of IMAGES) {
    const { png, sha1, fileName } = await render(spec)
    writeFileSync(join(IMAGES_DIR, fileName), png)
    keep.add(fileName)
    manifest[spec.name] = `image@file://./images/${fileName}`
    assetMap[`image-${sha1}`] = { originalFilename: `${spec.name}.png` }
    console.log(`${fileName}  ${(png.length / 1024).toFixed(1)} KB  ${spec.name}`)
  }
  for (const file of readdirSync(IMAGES_DIR)) {
    if (/^[a-f0-9]{40}-\d+x\d+\.png$/.test(file) && !keep.has(file)) {
      rmSync(join(IMAGES_DIR, file))
      console.log(`removed ${file} (no longer used)`)
    }
  }
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(ASSET_MAP, `${JSON.stringify(assetMap, null, 2)}\n`)
  console.log(`${IMAGES.length} images; image fields in ${MANIFEST}, asset metadata in ${ASSET_MAP}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
