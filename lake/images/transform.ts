/**
 * Carries out a TransformPlan with sharp: one pipeline that decodes only the planned region,
 * turns it, scales it and encodes it. The plan has already bounded every size involved.
 */
import sharp from 'sharp'

import type { OutputFormat } from './params'
import type { TransformPlan } from './plan'

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  jpg: 'image/jpeg',
  pjpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
}

export const EXTENSIONS: Record<OutputFormat, string> = { jpg: 'jpg', pjpg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' }

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 }
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 }

/** The encoded variant. Throws when the file is not the size its name says (the plan was made from the name). */
export async function applyPlan(file: string, plan: TransformPlan, expected: { width: number; height: number }): Promise<Buffer> {
  const source = sharp(file, { failOn: 'error' })
  const meta = await source.metadata()
  if (meta.width !== expected.width || meta.height !== expected.height) {
    throw new Error(`image file ${file} is ${meta.width}x${meta.height}, not ${expected.width}x${expected.height} as its name says`)
  }
  const opaque = plan.format === 'jpg' || plan.format === 'pjpg'
  const background = plan.background ?? (opaque ? WHITE : TRANSPARENT)

  source.extract(plan.extract)
  let image = source
  if (plan.rotate) {
    // sharp 0.35 fails ("bad extract area") on some extract + rotate + resize pipelines, and
    // flips before it turns; a turned picture is cut and turned first, as raw pixels no larger
    // than the region, so the flip below comes after the turn, as the plan has it.
    const { data, info } = await source.rotate(plan.rotate).raw().toBuffer({ resolveWithObject: true })
    image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
  }
  if (plan.flipV) image.flip()
  if (plan.flipH) image.flop()
  image.resize(
    plan.width,
    plan.height,
    plan.strategy ? { fit: 'cover', position: sharp.strategy[plan.strategy === 'edges' ? 'attention' : 'entropy'] } : { fit: 'fill' },
  )
  if (plan.blur !== undefined) image.blur(Math.min(100, 0.3 + plan.blur / 8))
  if (plan.sharp !== undefined && plan.sharp > 0) image.sharpen({ sigma: 0.5 + plan.sharp / 50 })
  if (plan.sat !== undefined) image.modulate({ saturation: Math.max(0, 1 + plan.sat / 100) })
  if (plan.invert) image.negate({ alpha: false })
  const canvas = plan.canvas ?? { width: plan.width, height: plan.height }
  const left = Math.floor((canvas.width - plan.width) / 2) + plan.pad
  const top = Math.floor((canvas.height - plan.height) / 2) + plan.pad
  const right = canvas.width - plan.width - left + 2 * plan.pad
  const bottom = canvas.height - plan.height - top + 2 * plan.pad
  if (left || top || right || bottom) image.extend({ left, top, right, bottom, background })
  if (opaque) image.flatten({ background })

  switch (plan.format) {
    case 'jpg':
    case 'pjpg':
      return image.jpeg({ quality: Math.max(1, plan.quality), progressive: plan.format === 'pjpg', mozjpeg: true }).toBuffer()
    case 'webp':
      return image.webp({ quality: Math.max(1, plan.quality) }).toBuffer()
    // effort 2 of 9: AVIF encoding is slow, and this is a development server.
    case 'avif':
      return image.avif({ quality: Math.max(1, plan.quality), effort: 2 }).toBuffer()
    case 'png':
      return image.png().toBuffer()
  }
}
