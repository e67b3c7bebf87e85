import { defineField, defineType } from 'sanity'

/** A subject articles are filed under (Strategy, Leadership...). */
export const topic = defineType({
  name: 'topic',
  title: 'Topic',
  type: 'document',
  fields: [
    defineField({
      name: 'title',
      type: 'string',
      validation: (rule) => [rule.required().error('Every topic needs a name'), rule.max(60).error('Keep topic names under 60 characters')],
    }),
    defineField({
      name: 'slug',
      type: 'slug',
      options: { source: 'title', maxLength: 96 },
      // One rule: the slug type adds the uniqueness check to it, and this message covers both.
      validation: (rule) => rule.required().error('Every topic needs a unique slug: use Generate to make one from the name'),
    }),
    defineField({
      name: 'description',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.max(300).error('Keep the description under 300 characters'),
    }),
  ],
  preview: { select: { title: 'title', subtitle: 'slug.current' } },
})
