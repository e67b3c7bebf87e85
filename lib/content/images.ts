import { createImageUrlBuilder } from '@sanity/image-url'

import { imageBaseUrl } from './api'
import { env } from './env'
import { imageSchema, type SanityImage } from './queries/fragments'

const builder = createImageUrlBuilder({
  projectId: env.NEXT_PUBLIC_SANITY_PROJECT_ID ?? 'local',
  dataset: env.NEXT_PUBLIC_SANITY_DATASET,
  baseUrl: imageBaseUrl(env),
})

/**
 * URL of an image cut to `width` x `height` around the editor's hotspot and crop. The size is a
 * request to the image service; next/image's loader (lib/images/loader.ts) rescales it per device.
 */
export function imageUrl(image: SanityImage, width: number, height?: number): string {
  let url = builder.image(image).width(width).auto('format')
  // No crop mode: with width, height and fit=crop the builder cuts a rect around the hotspot and
  // crop itself (naming a crop mode makes it skip that and cut from the centre).
  if (height) url = url.height(height).fit('crop')
  return url.url()
}

/** Same URL, absolute: for Open Graph, feeds and JSON-LD, which leave this site. */
export function absoluteImageUrl(image: SanityImage, width: number, height?: number): string {
  return new URL(imageUrl(image, width, height), env.NEXT_PUBLIC_SITE_URL).toString()
}

/**
 * An image object found inside Portable Text (which is validated only loosely), checked with the
 * same schema as every other image; null when it is not a usable image.
 */
export function parseImage(value: unknown): SanityImage | null {
  const result = imageSchema.safeParse(value)
  return result.success ? result.data : null
}
