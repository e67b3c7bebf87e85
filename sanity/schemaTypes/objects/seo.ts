import { SearchIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

/** Overrides for search engines and link previews; empty fields fall back to the article's own. */
export const seo = defineType({
  name: 'seo',
  title: 'Search & sharing',
  type: 'object',
  icon: SearchIcon,
  options: { collapsible: true, collapsed: true },
  fields: [
    defineField({
      name: 'title',
      title: 'Search title',
      type: 'string',
      description: 'Leave empty to use the article’s title.',
      validation: (rule) => rule.max(70).error('Search engines cut titles after 70 characters; shorten it'),
    }),
    defineField({
      name: 'description',
      title: 'Search description',
      type: 'text',
      rows: 3,
      description: 'Leave empty to use the standfirst.',
      validation: (rule) => rule.max(160).error('Search engines cut descriptions after 160 characters; shorten it'),
    }),
    defineField({
      name: 'noindex',
      title: 'Hide from search engines',
      type: 'boolean',
      description: 'Keeps this page out of Google and other search engines.',
      initialValue: false,
    }),
  ],
})
