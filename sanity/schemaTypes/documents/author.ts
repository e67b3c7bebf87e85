import { defineArrayMember, defineField, defineType } from 'sanity'

import { altTextField } from '../objects/imageAlt'

/** A person who writes for Insights, usually faculty. */
export const author = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  fields: [
    defineField({
      name: 'name',
      type: 'string',
      validation: (rule) => [rule.required().error('Every author needs a name'), rule.max(80).error('Keep the name under 80 characters')],
    }),
    defineField({
      name: 'slug',
      type: 'slug',
      options: { source: 'name', maxLength: 96 },
      validation: (rule) => rule.required().error('Every author needs a unique slug: use Generate to make one from the name'),
    }),
    defineField({
      name: 'role',
      type: 'string',
      description: 'e.g. "Professor of Leadership and Organizational Behavior"',
      validation: (rule) => [
        rule.required().error('Add the author’s role, e.g. "Professor of Strategy"'),
        rule.max(120).error('Keep the role under 120 characters'),
      ],
    }),
    defineField({ name: 'affiliation', type: 'string', description: 'e.g. "IMD"' }),
    defineField({ name: 'bio', title: 'Biography', type: 'authorBio' }),
    defineField({
      name: 'photo',
      type: 'image',
      options: { hotspot: true },
      fields: [altTextField()],
    }),
    defineField({
      name: 'links',
      title: 'Profile links',
      type: 'array',
      of: [defineArrayMember({ type: 'profileLink' })],
    }),
  ],
  preview: { select: { title: 'name', subtitle: 'role', media: 'photo' } },
})
