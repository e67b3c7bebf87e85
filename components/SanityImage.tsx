import Image from 'next/image'

import type { SanityImage as SanityImageValue } from '@/lib/content'
import { imageUrl } from '@/lib/content/images'

interface Props {
  image: SanityImageValue
  width: number
  /** Defaults to the aspect ratio of the image as the editor cropped it. */
  height?: number
  sizes: string
  /** The page's largest image: preloaded and fetched first. */
  priority?: boolean
  className?: string
}

/** Width/height ratio of what the editor's crop leaves of the original. */
function croppedAspect(image: SanityImageValue): number {
  const crop = image.crop ?? { top: 0, bottom: 0, left: 0, right: 0 }
  const width = image.width * (1 - crop.left - crop.right)
  const height = image.height * (1 - crop.top - crop.bottom)
  return width > 0 && height > 0 ? width / height : 1
}

/**
 * A Sanity image through next/image. Width and height always reach the <img>, so the browser
 * reserves the box before the file arrives (no layout shift); the loader scales both per device.
 */
export function SanityImage({ image, width, height, sizes, priority = false, className }: Props) {
  const finalHeight = height ?? Math.round(width / croppedAspect(image))
  return (
    <Image
      src={imageUrl(image, width, finalHeight)}
      alt={image.alt}
      width={width}
      height={finalHeight}
      sizes={sizes}
      className={className}
      // Next 16 renamed `priority` to `preload`; fetchPriority also ranks it above other images.
      // The preview itself, scaled up (soft, as browsers smooth it), not next/image's 'blur': that
      // wraps it in an SVG blur filter, a document the browser builds and paints per image on the main thread.
      placeholder={image.lqip ?? 'empty'}
      preload={priority}
      fetchPriority={priority ? 'high' : undefined}
    />
  )
}
