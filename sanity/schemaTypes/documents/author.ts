import { UserIcon } from '@sanity/icons'
import { defineArrayMember, defineField, defineType } from 'sanity'

import { altTextField } from '../objects/imageAlt'
import { slugField } from '../objects/slug'

/** A person who writes for Insights, usually faculty. */
export const author = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({
      name: 'name',
      type: 'string',
      validation: (rule) => [rule.required().error('Every author needs a name'), rule.max(80).error('Keep the name under 80 characters')],
    }),
    slugField({ source: 'name', missing: 'Give the author a slug (their page’s address): use Generate to make one from the name' }),
    defineField({
      name: 'role',
      type: 'string',
      description: 'e.g. "Professor of Leadership and Organizational Behavior"',
      validation: (rule) => [
        rule.required().error('Add the author’s role, e.g. "Professor of Strategy"'),
        rule.max(120).error('Keep the role under 120 characters'),
      ],
    }),
    defineField({ name: 'affiliation', type: 'string', description: 'e.g. "IMD"', initialValue: 'IMD' }),
    defineField({ name: 'bio', title: 'Biography', type: 'authorBio' }),
    defineField({
      name: 'photo',
      type: 'image',
      description: 'Cropped to a square on the author’s page: set the hotspot on the face.',
      options: { hotspot: true },
      fields: [altTextField()],
    }),
    defineField({
      name: 'links',
      title: 'Profile links',
      type: 'array',
      description: 'Faculty page, LinkedIn, personal site.',
      of: [defineArrayMember({ type: 'profileLink' })],
    }),
  ],
  orderings: [{ title: 'Name A–Z', name: 'nameAsc', by: [{ field: 'name', direction: 'asc' }] }],
  preview: {
    select: { title: 'name', subtitle: 'role', media: 'photo' },
    prepare: ({ title, subtitle, media }) => ({ title: title || 'Unnamed author', subtitle, media: media ?? UserIcon }),
  },
})
