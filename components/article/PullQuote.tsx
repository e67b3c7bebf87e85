import type { PortableTextTypeComponentProps } from '@portabletext/react'

/** A quote lifted out of the text, set large, with who said it. */
export function PullQuote({ value }: PortableTextTypeComponentProps<{ _type: 'pullQuote'; quote?: unknown; attribution?: unknown }>) {
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
