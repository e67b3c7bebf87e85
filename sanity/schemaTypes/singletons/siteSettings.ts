import { BookIcon, CogIcon, MenuIcon } from '@sanity/icons'
import { defineArrayMember, defineField, defineType } from 'sanity'

/** The one settings document (id `siteSettings`): site name, menus, "latest research" block. */
export const SITE_SETTINGS_ID = 'siteSettings'

export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  icon: CogIcon,
  groups: [
    { name: 'site', title: 'Site', icon: CogIcon, default: true },
    { name: 'research', title: 'Latest research', icon: BookIcon },
    { name: 'menus', title: 'Menus', icon: MenuIcon },
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Site title',
      type: 'string',
      group: 'site',
      validation: (rule) => rule.required().error('The site needs a title'),
    }),
    defineField({
      name: 'description',
      type: 'text',
      rows: 2,
      group: 'site',
      description: 'Introduces the home page, under the site title.',
      validation: (rule) => rule.max(160).error('Keep the site description under 160 characters'),
    }),
    defineField({
      name: 'latestResearch',
      title: 'Latest research',
      type: 'object',
      group: 'research',
      description: 'The research block on the home page and under every article.',
      fields: [
        defineField({ name: 'heading', type: 'string', initialValue: 'Discover our latest research' }),
        defineField({ name: 'text', type: 'text', rows: 2 }),
        defineField({
          name: 'links',
          type: 'array',
          of: [defineArrayMember({ type: 'reference', to: [{ type: 'researchHubLink' }] })],
          validation: (rule) => rule.unique().error('Each research link can only be listed once'),
        }),
      ],
    }),
    defineField({
      name: 'navigation',
      title: 'Main navigation',
      type: 'array',
      group: 'menus',
      of: [defineArrayMember({ type: 'navItem' })],
    }),
    defineField({
      name: 'footer',
      type: 'object',
      group: 'menus',
      fields: [
        defineField({ name: 'text', type: 'text', rows: 2 }),
        defineField({ name: 'links', type: 'array', of: [defineArrayMember({ type: 'navItem' })] }),
      ],
    }),
  ],
  preview: { prepare: () => ({ title: 'Site settings', media: CogIcon }) },
})
