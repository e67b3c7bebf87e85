import { MenuIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

import { isSitePathOrWebUrl } from './urlRules'

/** A menu entry: a path on this site (`/insights`) or an external http(s) address. */
export const navItem = defineType({
  name: 'navItem',
  title: 'Navigation item',
  type: 'object',
  icon: MenuIcon,
  fields: [
    defineField({
      name: 'label',
      type: 'string',
      validation: (rule) => [
        rule.required().error('A menu item needs a label'),
        rule.max(40).error('Keep menu labels under 40 characters'),
      ],
    }),
    defineField({
      name: 'href',
      title: 'Link',
      type: 'string',
      description: 'A path on this site such as /insights, or a full https:// address.',
      validation: (rule) =>
        rule
          .required()
          .custom((href) =>
            typeof href !== 'string' || isSitePathOrWebUrl(href)
              ? true
              : 'Use a site path that starts with / (like /insights) or a full http:// or https:// address',
          ),
    }),
  ],
  preview: { select: { title: 'label', subtitle: 'href' } },
})
