import type { PortableTextComponents } from '@portabletext/react'

import type { PortableTextValue } from '@/lib/content'

import { RichText, SafeLink } from './RichText'

/** Bios are short: paragraphs, emphasis and links; anything else is dropped. */
const bioComponents: PortableTextComponents = {
  block: { normal: ({ children }) => <p>{children}</p> },
  marks: {
    strong: ({ children }) => <strong>{children}</strong>,
    em: ({ children }) => <em>{children}</em>,
    link: SafeLink,
  },
}

export function BioText({ value }: { value: PortableTextValue }) {
  return <RichText value={value} components={bioComponents} />
}
