/**
 * An approximation of the `metadata.palette` Sanity computes on upload (with node-vibrant):
 * colours bucketed at 4 bits a channel, the most common bucket as `dominant`, and the six
 * vibrant/muted swatches chosen by node-vibrant's targets and weights for lightness and
 * saturation. `population` is the swatch's share of the pixels in percent. The colours will not
 * match Sanity's to the digit, but they have its shape and the same meaning.
 */
export type PaletteSwatch = {
  _type: 'sanity.imagePaletteSwatch'
  background: string
  foreground: string
  population: number
  title: string
}
export type SwatchName = 'darkMuted' | 'darkVibrant' | 'dominant' | 'lightMuted' | 'lightVibrant' | 'muted' | 'vibrant'
export type ImagePalette = { _type: 'sanity.imagePalette' } & Partial<Record<SwatchName, PaletteSwatch>>

type Bucket = { r: number; g: number; b: number; count: number; hue: number; sat: number; light: number }

/** node-vibrant's targets: [name, lightness min/target/max, saturation min/target/max]. */
const TARGETS: Array<[SwatchName, [number, number, number], [number, number, number]]> = [
  ['vibrant', [0.3, 0.5, 0.7], [0.35, 1, 1]],
  ['lightVibrant', [0.55, 0.74, 1], [0.35, 1, 1]],
  ['darkVibrant', [0, 0.26, 0.45], [0.35, 1, 1]],
  ['muted', [0.3, 0.5, 0.7], [0, 0.3, 0.4]],
  ['lightMuted', [0.55, 0.74, 1], [0, 0.3, 0.4]],
  ['darkMuted', [0, 0.26, 0.45], [0, 0.3, 0.4]],
]
const WEIGHT_SATURATION = 3
const WEIGHT_LIGHTNESS = 6.5
const WEIGHT_POPULATION = 0.5

function hsl(r: number, g: number, b: number): { hue: number; sat: number; light: number } {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255]
  const max = Math.max(rn, gn, bn)
  const min = Math.min(rn, gn, bn)
  const light = (max + min) / 2
  if (max === min) return { hue: 0, sat: 0, light }
  const d = max - min
  const sat = light > 0.5 ? d / (2 - max - min) : d / (max + min)
  const hue = max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4
  return { hue: hue / 6, sat, light }
}

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`

function luminance(r: number, g: number, b: number): number {
  const [lr, lg, lb] = [r, g, b].map((v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb
}

/** White text where it reaches the contrast asked for (4.5 for body text, 3 for titles), else black. */
function textOn(r: number, g: number, b: number, minContrast: number): string {
  return 1.05 / (luminance(r, g, b) + 0.05) >= minContrast ? '#fff' : '#000'
}

function swatch(bucket: Bucket, total: number): PaletteSwatch {
  const { r, g, b } = bucket
  return {
    _type: 'sanity.imagePaletteSwatch',
    background: hex(r, g, b),
    foreground: textOn(r, g, b, 4.5),
    population: Math.round((bucket.count / total) * 10000) / 100,
    title: textOn(r, g, b, 3),
  }
}

/** The palette of RGBA pixels (a small thumbnail is enough); fully transparent pixels do not count. */
export function paletteOf(pixels: Uint8Array | Buffer, channels: number): ImagePalette {
  const sums = new Map<number, { r: number; g: number; b: number; count: number }>()
  let total = 0
  for (let i = 0; i + channels - 1 < pixels.length; i += channels) {
    if (channels === 4 && pixels[i + 3]! < 125) continue
    const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4)
    const sum = sums.get(key) ?? { r: 0, g: 0, b: 0, count: 0 }
    sum.r += r
    sum.g += g
    sum.b += b
    sum.count += 1
    sums.set(key, sum)
    total += 1
  }
  const buckets: Bucket[] = [...sums.values()].map(({ r, g, b, count }) => {
    const [ar, ag, ab] = [r / count, g / count, b / count]
    return { r: ar, g: ag, b: ab, count, ...hsl(ar, ag, ab) }
  })
  const palette: ImagePalette = { _type: 'sanity.imagePalette' }
  if (buckets.length === 0) return palette
  buckets.sort((a, b) => b.count - a.count)
  palette.dominant = swatch(buckets[0]!, total)
  const maxCount = buckets[0]!.count
  const used = new Set<Bucket>()
  for (const [name, [lMin, lTarget, lMax], [sMin, sTarget, sMax]] of TARGETS) {
    let best: Bucket | undefined
    let bestScore = -Infinity
    for (const bucket of buckets) {
      if (used.has(bucket) || bucket.light < lMin || bucket.light > lMax || bucket.sat < sMin || bucket.sat > sMax) continue
      const score =
        WEIGHT_SATURATION * (1 - Math.abs(bucket.sat - sTarget)) +
        WEIGHT_LIGHTNESS * (1 - Math.abs(bucket.light - lTarget)) +
        WEIGHT_POPULATION * (bucket.count / maxCount)
      if (score > bestScore) {
        bestScore = score
        best = bucket
      }
    }
    if (best) {
      used.add(best)
      palette[name] = swatch(best, total)
    }
  }
  return palette
}
