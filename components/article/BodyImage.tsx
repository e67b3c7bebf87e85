import type { PortableTextTypeComponentProps } from '@portabletext/react'

import { SanityImage } from '@/components/SanityImage'
import { parseImage } from '@/lib/content/images'

/** The article column is ~65ch wide; images fill it. */
const BODY_IMAGE_SIZES = '(min-width: 48rem) 44rem, 100vw'

type RawBodyImage = { _type: 'bodyImage'; caption?: unknown }

export function BodyImage({ value }: PortableTextTypeComponentProps<RawBodyImage>) {
  // Body objects arrive as stored (the body is loose Portable Text): check the image here.
  const image = parseImage(value)
  if (!image) return null
  const caption = typeof value.caption === 'string' ? value.caption : ''
  return (
    <figure className="body-image">
      <SanityImage image={image} width={1408} sizes={BODY_IMAGE_SIZES} />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  )
}
