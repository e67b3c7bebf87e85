import { BlockquoteIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

/** A sentence lifted out of the body and set large. */
export const pullQuote = defineType({
  name: 'pullQuote',
  title: 'Pull quote',
  type: 'object',
  icon: BlockquoteIcon,
  fields: [
    defineField({
      name: 'quote',
      type: 'text',
      rows: 3,
      validation: (rule) => [
        rule.required().error('A pull quote needs the quoted words'),
        rule.max(280).error('A pull quote is at most 280 characters – shorten it'),
      ],
    }),
    defineField({ name: 'attribution', type: 'string' }),
  ],
  preview: {
    select: { title: 'quote', subtitle: 'attribution' },
    prepare: ({ title, subtitle }) => ({ title: title ? `“${title}”` : 'Pull quote', subtitle, media: BlockquoteIcon }),
  },
})
