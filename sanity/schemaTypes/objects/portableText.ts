import { BlockContentIcon, DocumentTextIcon, LinkIcon } from '@sanity/icons'
import { defineArrayMember, defineField, defineType } from 'sanity'

import { requiredLinkUrl } from './urlRules'

/**
 * Portable Text for the article body and the author bio. Both arrays come from one builder so
 * the shared parts (decorators, the `link` annotation) cannot drift apart; the body adds
 * headings, lists, internal links and the two block objects (see sanity/README.md).
 */
const linkAnnotation = defineArrayMember({
  name: 'link',
  title: 'Link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'href',
      title: 'URL',
      type: 'url',
      validation: requiredLinkUrl,
    }),
  ],
})

const internalLinkAnnotation = defineArrayMember({
  name: 'internalLink',
  title: 'Link to an article',
  type: 'object',
  icon: DocumentTextIcon,
  fields: [
    defineField({
      name: 'reference',
      title: 'Article',
      type: 'reference',
      to: [{ type: 'article' }],
      validation: (rule) => rule.required().error('Choose the article this text links to'),
    }),
  ],
})

const decorators = [
  { title: 'Strong', value: 'strong' },
  { title: 'Emphasis', value: 'em' },
]

export const articleBody = defineType({
  name: 'articleBody',
  title: 'Body',
  type: 'array',
  icon: BlockContentIcon,
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        { title: 'Normal', value: 'normal' },
        { title: 'Heading', value: 'h2' },
        { title: 'Subheading', value: 'h3' },
        { title: 'Quote', value: 'blockquote' },
      ],
      lists: [
        { title: 'Bullets', value: 'bullet' },
        { title: 'Numbered', value: 'number' },
      ],
      marks: { decorators, annotations: [linkAnnotation, internalLinkAnnotation] },
    }),
    defineArrayMember({ type: 'pullQuote' }),
    defineArrayMember({ type: 'bodyImage' }),
  ],
})

export const authorBio = defineType({
  name: 'authorBio',
  title: 'Biography',
  type: 'array',
  icon: BlockContentIcon,
  of: [
    defineArrayMember({
      type: 'block',
      styles: [{ title: 'Normal', value: 'normal' }],
      lists: [],
      marks: { decorators, annotations: [linkAnnotation] },
    }),
  ],
})
