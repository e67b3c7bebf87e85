import { LinkIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

import { requiredWebUrl } from './urlRules'

/** A link on an author's profile: faculty page, LinkedIn, personal site. */
export const profileLink = defineType({
  name: 'profileLink',
  title: 'Profile link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'label',
      type: 'string',
      validation: (rule) => rule.required().error('Give the link a label, e.g. "Faculty page"'),
    }),
    defineField({
      name: 'url',
      title: 'URL',
      type: 'url',
      validation: (rule) => requiredWebUrl(rule, 'A profile link'),
    }),
  ],
  preview: { select: { title: 'label', subtitle: 'url' } },
})
