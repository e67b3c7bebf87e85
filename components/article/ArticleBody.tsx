import type { PortableTextComponents, PortableTextTypeComponentProps } from '@portabletext/react'

import { SanityImage } from '@/components/SanityImage'
import type { PortableTextValue } from '@/lib/content'
// Not re-exported by the content door; body objects arrive unparsed, so bodyImage is checked here.
import { imageSchema } from '@/lib/content/queries/fragments'

import { InternalLink, RichText, SafeLink } from './RichText'

/** The article column is ~65ch wide; images fill it. */
const BODY_IMAGE_SIZES = '(min-width: 48rem) 44rem, 100vw'

function PullQuote({ value }: PortableTextTypeComponentProps<{ _type: 'pullQuote'; quote?: unknown; attribution?: unknown }>) {
  if (typeof value.quote !== 'string' || value.quote === '') return null
  return (
    <figure className="pull-quote">
      <blockquote>
        <p>{value.quote}</p>
      </blockquote>
      {typeof value.attribution === 'string' && value.attribution && <figcaption>{value.attribution}</figcaption>}
    </figure>
  )
}

function BodyImage({ value }: PortableTextTypeComponentProps<{ _type: 'bodyImage'; caption?: unknown }>) {
  const image = imageSchema.safeParse(value)
  if (!image.success) return null
  const caption = typeof value.caption === 'string' ? value.caption : ''
  return (
    <figure className="body-image">
      <SanityImage image={image.data} width={1408} sizes={BODY_IMAGE_SIZES} />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  )
}

const components: PortableTextComponents = {
  block: {
    normal: ({ children }) => <p>{children}</p>,
    h2: ({ children }) => <h2>{children}</h2>,
    h3: ({ children }) => <h3>{children}</h3>,
    blockquote: ({ children }) => <blockquote>{children}</blockquote>,
  },
  list: {
    bullet: ({ children }) => <ul>{children}</ul>,
    number: ({ children }) => <ol>{children}</ol>,
  },
  marks: {
    strong: ({ children }) => <strong>{children}</strong>,
    em: ({ children }) => <em>{children}</em>,
    link: SafeLink,
    internalLink: InternalLink,
  },
  types: { pullQuote: PullQuote, bodyImage: BodyImage },
}

export function ArticleBody({ value }: { value: PortableTextValue }) {
  return (
    <div className="article-body prose">
      <RichText value={value} components={components} />
    </div>
  )
}
