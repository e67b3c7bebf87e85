import type { PortableTextTypeComponentProps } from '@portabletext/react'

import { SanityImage } from '@/components/SanityImage'
import type { SanityImage as SanityImageValue } from '@/lib/content'

/** The article column is ~65ch wide; images fill it. */
const BODY_IMAGE_SIZES = '(min-width: 48rem) 44rem, 100vw'

type RawBodyImage = {
  _type: 'bodyImage'
  asset?: { _ref?: unknown }
  alt?: unknown
  caption?: unknown
  hotspot?: unknown
  crop?: unknown
}

/** Asset ids carry the original size: image-<hash>-<w>x<h>-<ext>. */
const ASSET_REF = /^image-[A-Za-z0-9]+-(\d+)x(\d+)-[a-z0-9]+$/

/**
 * Body objects reach us as the editor stored them (the body is loose Portable Text), so the image
 * is checked here; a malformed hotspot or crop is dropped (the service then uses the whole image).
 * TODO: use an image parser from lib/content once the door exports one, instead of this check.
 */
function bodyImage(value: RawBodyImage): SanityImageValue | null {
  const ref = typeof value.asset?._ref === 'string' ? value.asset._ref : ''
  const [, width, height] = ASSET_REF.exec(ref) ?? []
  if (!width || !height || typeof value.alt !== 'string' || value.alt.trim() === '') return null
  return {
    asset: { _ref: ref },
    alt: value.alt,
    width: Number(width),
    height: Number(height),
    hotspot: numbers(value.hotspot, ['x', 'y', 'width', 'height']),
    crop: numbers(value.crop, ['top', 'bottom', 'left', 'right']),
  }
}

/** `value` if it is an object whose `keys` are all finite numbers, else null. */
function numbers<K extends string>(value: unknown, keys: K[]): Record<K, number> | null {
  if (typeof value !== 'object' || value === null) return null
  const entries = keys.map((key) => [key, (value as Record<string, unknown>)[key]] as const)
  if (!entries.every(([, n]) => typeof n === 'number' && Number.isFinite(n))) return null
  return Object.fromEntries(entries) as Record<K, number>
}

export function BodyImage({ value }: PortableTextTypeComponentProps<RawBodyImage>) {
  const image = bodyImage(value)
  if (!image) return null
  const caption = typeof value.caption === 'string' ? value.caption : ''
  return (
    <figure className="body-image">
      <SanityImage image={image} width={1408} sizes={BODY_IMAGE_SIZES} />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  )
}
