/**
 * What to do to one image file for one request: the geometry of `rect`, `or`, `flip`, `w`/`h`
 * (times `dpr`), `fit`, `crop` and the size limits, and the output format, all in whole pixels,
 * computed before anything is decoded. The plan is plain data; its JSON is the variant's cache key.
 */
import { badRequest } from '../errors'
import { MAX_DIMENSION, MAX_PIXELS, type Crop, type ImageParams, type OutputFormat, type Rect, type Rgba } from './params'

export type SourceImage = { width: number; height: number; extension: string }

export type TransformPlan = {
  /** The part of the file to decode, in its own pixels (rect, then the crop window, mapped back). */
  extract: Rect
  rotate: 0 | 90 | 180 | 270
  flipH: boolean
  flipV: boolean
  /** The size the extracted (rotated) pixels are scaled to. */
  width: number
  height: number
  /** `crop=entropy|edges`: sharp picks the window of this size's aspect within `extract`. */
  strategy?: 'entropy' | 'edges'
  /** fill / fillmax: the box the image is centred in, on `background`. */
  canvas?: { width: number; height: number }
  pad: number
  background?: Rgba
  blur?: number
  sharp?: number
  sat?: number
  invert: boolean
  format: OutputFormat
  quality: number
}

/** The format a file is served in when no `fm` or `auto=format` says otherwise. */
export function defaultFormat(extension: string): OutputFormat {
  if (extension === 'jpg' || extension === 'jpeg') return 'jpg'
  if (extension === 'webp' || extension === 'avif') return extension
  return 'png'
}

/** `auto=format`: AVIF, then WebP, when the request's Accept names them; otherwise the default. */
export function negotiateFormat(accept: string | undefined, fallback: OutputFormat): OutputFormat {
  // A type with q=0 is one the client refuses (RFC 9110, 12.4.2).
  const types = (accept ?? '')
    .split(',')
    .filter((part) => !/;\s*q\s*=\s*0(?:\.0{0,3})?\s*(?:;|$)/i.test(part))
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
  if (types.includes('image/avif')) return 'avif'
  if (types.includes('image/webp')) return 'webp'
  return fallback
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/** Size of the output for fit modes that keep the aspect ratio within a box; `grow` = may upscale. */
function inside(sw: number, sh: number, w: number | undefined, h: number | undefined, grow: boolean) {
  const scales = [w === undefined ? Infinity : w / sw, h === undefined ? Infinity : h / sh]
  let scale = Math.min(...scales)
  if (scale === Infinity) scale = 1
  if (!grow) scale = Math.min(scale, 1)
  return { width: Math.max(1, Math.round(sw * scale)), height: Math.max(1, Math.round(sh * scale)) }
}

/** The window of `sw` x `sh` with the aspect of `width` x `height`, as large as fits, around the crop point. */
function cropWindow(sw: number, sh: number, width: number, height: number, crop: Crop): Rect {
  const scale = Math.max(width / sw, height / sh)
  const cw = clamp(Math.round(width / scale), 1, sw)
  const ch = clamp(Math.round(height / scale), 1, sh)
  const point = crop.kind === 'point' ? crop : { x: 0.5, y: 0.5 }
  return {
    left: clamp(Math.round(point.x * sw - cw / 2), 0, sw - cw),
    top: clamp(Math.round(point.y * sh - ch / 2), 0, sh - ch),
    width: cw,
    height: ch,
  }
}

/** A window in the rotated and flipped picture, as a rect of the unrotated one (`sw` x `sh`). */
function unorient(window: Rect, sw: number, sh: number, rotate: TransformPlan['rotate'], flipH: boolean, flipV: boolean): Rect {
  const [rw, rh] = rotate === 90 || rotate === 270 ? [sh, sw] : [sw, sh]
  let { left: x, top: y } = window
  const { width: w, height: h } = window
  if (flipH) x = rw - x - w
  if (flipV) y = rh - y - h
  if (rotate === 90) return { left: y, top: sh - x - w, width: h, height: w }
  if (rotate === 180) return { left: sw - x - w, top: sh - y - h, width: w, height: h }
  if (rotate === 270) return { left: sw - y - h, top: x, width: h, height: w }
  return { left: x, top: y, width: w, height: h }
}

/**
 * The output size of fit=crop: w and h as asked, a missing one from the picture's aspect ratio,
 * then each held within max-w/max-h and min-w/min-h (which, as documented, leave the pipeline room
 * to pick a size, and work with fit=crop only). Where a bound changes one side, the crop cuts.
 */
function cropSize(
  sw: number,
  sh: number,
  w: number | undefined,
  h: number | undefined,
  bounds: Pick<ImageParams, 'maxW' | 'maxH' | 'minW' | 'minH'>,
  scaled: (value: number | undefined) => number | undefined,
): { width: number; height: number } {
  const [minW, maxW, minH, maxH] = [
    scaled(bounds.minW) ?? 1,
    scaled(bounds.maxW) ?? Infinity,
    scaled(bounds.minH) ?? 1,
    scaled(bounds.maxH) ?? Infinity,
  ]
  const aspect = sw / sh
  if (w !== undefined && h !== undefined) return { width: clamp(w, minW, maxW), height: clamp(h, minH, maxH) }
  if (w !== undefined) {
    const width = clamp(w, minW, maxW)
    return { width, height: clamp(Math.max(1, Math.round(width / aspect)), minH, maxH) }
  }
  if (h !== undefined) {
    const height = clamp(h, minH, maxH)
    return { width: clamp(Math.max(1, Math.round(height * aspect)), minW, maxW), height }
  }
  // Neither: the picture's own size, scaled (keeping its shape) into the bounds where it can be.
  let scale = Math.min(1, maxW / sw, maxH / sh)
  scale = Math.max(scale, minW / sw, minH / sh)
  return { width: clamp(Math.max(1, Math.round(sw * scale)), minW, maxW), height: clamp(Math.max(1, Math.round(sh * scale)), minH, maxH) }
}

function limit(width: number, height: number): void {
  if (width > MAX_DIMENSION || height > MAX_DIMENSION || width * height > MAX_PIXELS) {
    throw badRequest(
      `Requested image is ${width}x${height}: the largest is ${MAX_DIMENSION} pixels a side and ${MAX_PIXELS} pixels in all (w, h and dpr multiply)`,
    )
  }
}

/**
 * The plan for `params` on `source`, or null when the answer is the file itself (nothing to cut,
 * scale or convert). Throws a 400 for a rect outside the image or an output past the limits.
 */
export function planTransform(params: ImageParams, source: SourceImage, accept: string | undefined): TransformPlan | null {
  const rect = params.rect ?? { left: 0, top: 0, width: source.width, height: source.height }
  if (rect.left + rect.width > source.width || rect.top + rect.height > source.height) {
    throw badRequest(
      `Image parameter "rect" (${rect.left},${rect.top},${rect.width},${rect.height}) lies outside the image (${source.width}x${source.height})`,
    )
  }
  const turned = params.or === 90 || params.or === 270
  const sw = turned ? rect.height : rect.width
  const sh = turned ? rect.width : rect.height
  const scaled = (value: number | undefined) => (value === undefined ? undefined : Math.max(1, Math.round(value * params.dpr)))
  const w = scaled(params.w)
  const h = scaled(params.h)
  for (const value of [w, h]) if (value !== undefined) limit(value, 1)

  let width: number
  let height: number
  let window: Rect = { left: 0, top: 0, width: sw, height: sh }
  let canvas: TransformPlan['canvas']
  let strategy: TransformPlan['strategy']
  const { fit, crop } = params
  if (fit === 'crop' || (fit === 'min' && w !== undefined && h !== undefined)) {
    ;({ width, height } = cropSize(sw, sh, w, h, fit === 'crop' ? params : {}, scaled))
    window = cropWindow(sw, sh, width, height, crop)
    // entropy/edges: sharp picks the window from the whole picture, when scaling down (an upscaled
    // cover would be an unbounded intermediate, so those keep the centred window).
    if (crop.kind !== 'point' && window.width >= width && (window.width < sw || window.height < sh)) {
      strategy = crop.kind
      window = { left: 0, top: 0, width: sw, height: sh }
    }
    if (fit === 'min' && width > window.width) {
      // min never scales up: the largest window of the asked aspect, at its own size.
      width = window.width
      height = window.height
    }
  } else if (fit === 'scale' && w !== undefined && h !== undefined) {
    width = w
    height = h
  } else if ((fit === 'fill' || fit === 'fillmax') && w !== undefined && h !== undefined) {
    ;({ width, height } = inside(sw, sh, w, h, fit === 'fill'))
    canvas = { width: w, height: h }
  } else {
    ;({ width, height } = inside(sw, sh, w, h, fit === 'clip' || fit === 'scale' || fit === 'fill'))
  }
  limit(canvas?.width ?? width, canvas?.height ?? height)
  limit((canvas?.width ?? width) + 2 * params.pad, (canvas?.height ?? height) + 2 * params.pad)

  const extractInRect = unorient(window, rect.width, rect.height, params.or, params.flipH, params.flipV)
  const extract = { ...extractInRect, left: rect.left + extractInRect.left, top: rect.top + extractInRect.top }
  const fallback = defaultFormat(source.extension)
  const format = params.fm ?? (params.autoFormat ? negotiateFormat(accept, fallback) : fallback)
  const plan: TransformPlan = {
    extract,
    rotate: params.or,
    flipH: params.flipH,
    flipV: params.flipV,
    width,
    height,
    strategy,
    canvas,
    pad: params.pad,
    background: params.bg,
    blur: params.blur,
    sharp: params.sharp,
    sat: params.sat,
    invert: params.invert,
    format,
    quality: params.q ?? 75,
  }
  return isOriginal(plan, source, params.q !== undefined) ? null : plan
}

function isOriginal(plan: TransformPlan, source: SourceImage, qualityGiven: boolean): boolean {
  const whole =
    plan.extract.left === 0 && plan.extract.top === 0 && plan.extract.width === source.width && plan.extract.height === source.height
  return (
    whole &&
    plan.width === source.width &&
    plan.height === source.height &&
    !plan.canvas &&
    !plan.rotate &&
    !plan.flipH &&
    !plan.flipV &&
    !plan.pad &&
    plan.blur === undefined &&
    plan.sharp === undefined &&
    plan.sat === undefined &&
    !plan.invert &&
    plan.format === source.extension &&
    (plan.format === 'png' || !qualityGiven)
  )
}
