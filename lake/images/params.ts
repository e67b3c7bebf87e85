/**
 * The query parameters of Sanity's image pipeline (https://www.sanity.io/docs/image-urls), read
 * and checked before anything is decoded: a value that is not one the pipeline documents is a
 * 400 naming the parameter, so no request can make the lake allocate an unbounded image.
 * Parameters the pipeline does not know are ignored, as the CDN ignores them.
 */
import { badRequest } from '../errors'

/** Largest width or height the lake renders (Sanity's pipeline refuses larger sizes too). */
export const MAX_DIMENSION = 8192
/** Largest output, in pixels (32 MP, 128 MB as RGBA): a bound of the lake's own, so w and h cannot both be 8192. */
export const MAX_PIXELS = 32 * 1024 * 1024

export const FITS = ['clip', 'crop', 'fill', 'fillmax', 'max', 'min', 'scale'] as const
export type Fit = (typeof FITS)[number]
export const OUTPUT_FORMATS = ['jpg', 'pjpg', 'png', 'webp', 'avif'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

const CROPS = ['top', 'bottom', 'left', 'right', 'center', 'focalpoint', 'entropy', 'edges'] as const
/** Where `fit=crop` (and `min`) cuts: a point kept in view (0..1 each way), or sharp's content strategies. */
export type Crop = { kind: 'point'; x: number; y: number } | { kind: 'entropy' | 'edges' }

export type Rect = { left: number; top: number; width: number; height: number }
export type Rgba = { r: number; g: number; b: number; alpha: number }

export type ImageParams = {
  w?: number
  h?: number
  maxW?: number
  maxH?: number
  minW?: number
  minH?: number
  fit: Fit
  crop: Crop
  rect?: Rect
  q?: number
  fm?: OutputFormat
  autoFormat: boolean
  dpr: number
  bg?: Rgba
  flipH: boolean
  flipV: boolean
  or: 0 | 90 | 180 | 270
  blur?: number
  sharp?: number
  sat?: number
  invert: boolean
  pad: number
  /** `dl`: answer as a download, under this file name ('' = the original name). */
  download?: string
}

const NUMBER = /^\d+(\.\d+)?$/
const SIGNED = /^-?\d+(\.\d+)?$/

function number(params: URLSearchParams, name: string, min: number, max: number, pattern = NUMBER): number | undefined {
  const raw = params.get(name)
  if (raw === null) return undefined
  const value = Number(raw)
  if (!pattern.test(raw) || !Number.isFinite(value) || value < min || value > max) {
    throw badRequest(`Invalid value for image parameter "${name}": ${JSON.stringify(raw)} (expected a number from ${min} to ${max})`)
  }
  return value
}

/** A size in pixels: a whole number from 1 to MAX_DIMENSION (decimals are rounded). */
function dimension(params: URLSearchParams, name: string): number | undefined {
  const value = number(params, name, 1, MAX_DIMENSION)
  return value === undefined ? undefined : Math.max(1, Math.round(value))
}

function oneOf<T extends string>(params: URLSearchParams, name: string, values: readonly T[]): T | undefined {
  const raw = params.get(name)
  if (raw === null) return undefined
  if (!(values as readonly string[]).includes(raw)) {
    throw badRequest(`Invalid value for image parameter "${name}": ${JSON.stringify(raw)} (expected one of ${values.join(', ')})`)
  }
  return raw as T
}

function parseCrop(params: URLSearchParams): Crop {
  const raw = params.get('crop')
  const modes = raw === null ? [] : raw.split(',')
  for (const mode of modes) {
    if (!(CROPS as readonly string[]).includes(mode)) {
      throw badRequest(
        `Invalid value for image parameter "crop": ${JSON.stringify(raw)} (expected a comma-separated list of ${CROPS.join(', ')})`,
      )
    }
  }
  if (modes.includes('entropy')) return { kind: 'entropy' }
  if (modes.includes('edges')) return { kind: 'edges' }
  // fp-x/fp-y count only with crop=focalpoint, as in Sanity's pipeline; the default is the centre.
  const focal = modes.includes('focalpoint')
  const fpX = number(params, 'fp-x', 0, 1)
  const fpY = number(params, 'fp-y', 0, 1)
  const x = focal && fpX !== undefined ? fpX : modes.includes('left') ? 0 : modes.includes('right') ? 1 : 0.5
  const y = focal && fpY !== undefined ? fpY : modes.includes('top') ? 0 : modes.includes('bottom') ? 1 : 0.5
  return { kind: 'point', x, y }
}

function parseRect(params: URLSearchParams): Rect | undefined {
  const raw = params.get('rect')
  if (raw === null) return undefined
  const parts = raw.split(',')
  const values = parts.map(Number)
  if (
    parts.length !== 4 ||
    parts.some((part) => !/^\d+$/.test(part)) ||
    values.some((value) => !Number.isSafeInteger(value)) ||
    values[2]! < 1 ||
    values[3]! < 1
  ) {
    throw badRequest(
      `Invalid value for image parameter "rect": ${JSON.stringify(raw)} (expected left,top,width,height in whole pixels, width and height at least 1)`,
    )
  }
  const [left, top, width, height] = values as [number, number, number, number]
  return { left, top, width, height }
}

/** `bg`: hex RGB, ARGB, RRGGBB or AARRGGBB (alpha first, as the pipeline reads it). */
function parseBackground(params: URLSearchParams): Rgba | undefined {
  const raw = params.get('bg')
  if (raw === null) return undefined
  const hex = raw.replace(/^#/, '')
  if (!/^([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex)) {
    throw badRequest(`Invalid value for image parameter "bg": ${JSON.stringify(raw)} (expected hex RGB, ARGB, RRGGBB or AARRGGBB)`)
  }
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex
  const argb = full.length === 6 ? `ff${full}` : full
  const byte = (index: number) => parseInt(argb.slice(index * 2, index * 2 + 2), 16)
  return { alpha: Math.round((byte(0) / 255) * 1000) / 1000, r: byte(1), g: byte(2), b: byte(3) }
}

export function parseImageParams(params: URLSearchParams): ImageParams {
  const auto = params.get('auto')
  if (auto !== null && auto !== 'format')
    throw badRequest(`Invalid value for image parameter "auto": ${JSON.stringify(auto)} (expected format)`)
  const flip = oneOf(params, 'flip', ['h', 'v', 'hv', 'vh'] as const) ?? ''
  const or = oneOf(params, 'or', ['0', '90', '180', '270'] as const)
  const q = number(params, 'q', 0, 100)
  const frame = params.get('frame')
  if (frame !== null && frame !== '1')
    throw badRequest(`Invalid value for image parameter "frame": ${JSON.stringify(frame)} (only 1, the first frame, is supported)`)
  const invert = params.get('invert')
  if (invert !== null && invert !== 'true' && invert !== 'false')
    throw badRequest(`Invalid value for image parameter "invert": ${JSON.stringify(invert)} (expected true or false)`)
  return {
    w: dimension(params, 'w'),
    h: dimension(params, 'h'),
    maxW: dimension(params, 'max-w'),
    maxH: dimension(params, 'max-h'),
    minW: dimension(params, 'min-w'),
    minH: dimension(params, 'min-h'),
    fit: oneOf(params, 'fit', FITS) ?? 'clip',
    crop: parseCrop(params),
    rect: parseRect(params),
    q: q === undefined ? undefined : Math.round(q),
    fm: oneOf(params, 'fm', OUTPUT_FORMATS),
    autoFormat: auto === 'format',
    dpr: number(params, 'dpr', 1, 3) ?? 1,
    bg: parseBackground(params),
    flipH: flip.includes('h'),
    flipV: flip.includes('v'),
    or: or === undefined ? 0 : (Number(or) as 0 | 90 | 180 | 270),
    blur: number(params, 'blur', 1, 2000),
    sharp: number(params, 'sharp', 0, 100),
    sat: number(params, 'sat', -100, 100, SIGNED),
    invert: invert === 'true',
    pad: Math.round(number(params, 'pad', 0, 1000) ?? 0),
    download: params.get('dl') ?? undefined,
  }
}
