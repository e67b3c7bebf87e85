import { defineField, defineType } from 'sanity'

/** A sentence lifted out of the body and set large. */
export const pullQuote = defineType({
  name: 'pullQuote',
  title: 'Pull quote',
  type: 'object',
  fields: [
    defineField({
      name: 'quote',
      type: 'text',
      rows: 3,
      validation: (rule) => [
        rule.required().error('A pull quote needs the quoted words'),
        rule.max(280).error('Pull quotes read best under 280 characters'),
      ],
    }),
    defineField({ name: 'attribution', type: 'string' }),
  ],
  preview: {
    select: { title: 'quote', subtitle: 'attribution' },
    prepare: ({ title, subtitle }) => ({ title: title ? `“${title}”` : 'Pull quote', subtitle }),
  },
})
