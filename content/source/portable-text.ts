/**
 * Authoring helpers: write article bodies as short marked-up strings, get Portable Text.
 *
 * Inline markup: `**strong**`, `*em*`, `[text](https://url)` for a link annotation and
 * `[[article-id|text]]` for an internalLink annotation. `_key`s are added later by build.ts,
 * except markDef keys, which spans must name, so they are derived here from the block's text.
 */
import { createHash } from 'node:crypto'

export interface Span {
  _type: 'span'
  text: string
  marks: string[]
}
export type MarkDef =
  { _key: string; _type: 'link'; href: string } | { _key: string; _type: 'internalLink'; reference: { _type: 'reference'; _ref: string } }
export interface Block {
  _type: 'block'
  style: 'normal' | 'h2' | 'h3' | 'blockquote'
  listItem?: 'bullet' | 'number'
  level?: number
  markDefs: MarkDef[]
  children: Span[]
}
export interface PullQuote {
  _type: 'pullQuote'
  quote: string
  attribution?: string
}
export interface BodyImage {
  _type: 'bodyImage'
  image: string
  alt: string
  caption?: string
}
export type BodyNode = Block | PullQuote | BodyImage

const TOKEN = /\*\*(.+?)\*\*|\*(.+?)\*|\[\[([^|\]]+)\|([^\]]+)\]\]|\[([^\]]+)\]\(([^)\s]+)\)/g

function markDefKey(seed: string, index: number): string {
  return createHash('sha1').update(`${seed}#${index}`).digest('hex').slice(0, 12)
}

/** Parses one paragraph of inline markup into spans and the annotations they use. */
export function inline(source: string): Pick<Block, 'children' | 'markDefs'> {
  const children: Span[] = []
  const markDefs: MarkDef[] = []
  let last = 0
  for (const match of source.matchAll(TOKEN)) {
    const index = match.index ?? 0
    if (index > last) children.push({ _type: 'span', text: source.slice(last, index), marks: [] })
    const [, strong, em, refId, refText, linkText, href] = match
    if (strong !== undefined) children.push({ _type: 'span', text: strong, marks: ['strong'] })
    else if (em !== undefined) children.push({ _type: 'span', text: em, marks: ['em'] })
    else {
      const _key = markDefKey(source, markDefs.length)
      if (refId !== undefined && refText !== undefined) {
        markDefs.push({ _key, _type: 'internalLink', reference: { _type: 'reference', _ref: refId } })
        children.push({ _type: 'span', text: refText, marks: [_key] })
      } else if (linkText !== undefined && href !== undefined) {
        markDefs.push({ _key, _type: 'link', href })
        children.push({ _type: 'span', text: linkText, marks: [_key] })
      }
    }
    last = index + match[0].length
  }
  if (last < source.length) children.push({ _type: 'span', text: source.slice(last), marks: [] })
  return { children, markDefs }
}

const block = (style: Block['style'], text: string): Block => ({ _type: 'block', style, ...inline(text) })

export const p = (text: string) => block('normal', text)
export const h2 = (text: string) => block('h2', text)
export const h3 = (text: string) => block('h3', text)
export const quote = (text: string) => block('blockquote', text)
export const bullets = (...items: string[]): Block[] => items.map((text) => ({ ...block('normal', text), listItem: 'bullet', level: 1 }))
export const numbered = (...items: string[]): Block[] => items.map((text) => ({ ...block('normal', text), listItem: 'number', level: 1 }))
export const pull = (text: string, attribution?: string): PullQuote => ({
  _type: 'pullQuote',
  quote: text,
  ...(attribution ? { attribution } : {}),
})
export const figure = (image: string, alt: string, caption?: string): BodyImage => ({
  _type: 'bodyImage',
  image,
  alt,
  ...(caption ? { caption } : {}),
})

/** The reader-visible text of a body, as GROQ's pt::text gives it (blocks only). */
export function plainText(body: readonly BodyNode[]): string {
  return body
    .filter((node): node is Block => node._type === 'block')
    .map((node) => node.children.map((span) => span.text).join(''))
    .join('\n\n')
}
