import type { PortableTextComponents } from '@portabletext/react'

import type { PortableTextValue } from '@/lib/content'

import { BodyImage } from './BodyImage'
import { PullQuote } from './PullQuote'
import { InternalLink, RichText, SafeLink } from './RichText'

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
