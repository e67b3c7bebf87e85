import { TagIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

import { slugField } from '../objects/slug'

/** A subject articles are filed under (Strategy, Leadership...). */
export const topic = defineType({
  name: 'topic',
  title: 'Topic',
  type: 'document',
  icon: TagIcon,
  fields: [
    defineField({
      name: 'title',
      type: 'string',
      validation: (rule) => [rule.required().error('Every topic needs a name'), rule.max(60).error('Keep topic names under 60 characters')],
    }),
    slugField({ source: 'title', missing: 'Give the topic a slug (its page’s address): use Generate to make one from the name' }),
    defineField({
      name: 'description',
      type: 'text',
      rows: 3,
      description: 'Introduces the topic’s page.',
      validation: (rule) => rule.max(300).error('The description is at most 300 characters – shorten it'),
    }),
  ],
  orderings: [{ title: 'Name A–Z', name: 'titleAsc', by: [{ field: 'title', direction: 'asc' }] }],
  preview: {
    select: { title: 'title', subtitle: 'description' },
    prepare: ({ title, subtitle }) => ({ title: title || 'Unnamed topic', subtitle, media: TagIcon }),
  },
})
