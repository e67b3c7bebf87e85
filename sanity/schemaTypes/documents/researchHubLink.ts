import { LinkIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

import { requiredWebUrl } from '../objects/urlRules'

export const RESEARCH_LINK_KINDS = [
  { title: 'Research hub', value: 'hub' },
  { title: 'Publication', value: 'publication' },
  { title: 'Case study', value: 'caseStudy' },
  { title: 'Report', value: 'report' },
  { title: 'Book', value: 'book' },
  { title: 'Podcast', value: 'podcast' },
]

/** The research link preview's subtitle: the kind by its title, then the address, "Report · https://…". */
export function researchLinkSubtitle(kind: unknown, url: unknown): string {
  const kindTitle = RESEARCH_LINK_KINDS.find((option) => option.value === kind)?.title
  return [kindTitle, typeof url === 'string' ? url : null].filter(Boolean).join(' · ')
}

/** A pointer to research outside the site, shown under articles and in "latest research". */
export const researchHubLink = defineType({
  name: 'researchHubLink',
  title: 'Research link',
  type: 'document',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'title',
      type: 'string',
      validation: (rule) => [
        rule.required().error('A research link needs a title'),
        rule.max(100).error('Keep the title under 100 characters'),
      ],
    }),
    defineField({
      name: 'description',
      type: 'string',
      description: 'Follows the title, e.g. "for additional information on IMD publications".',
      validation: (rule) => rule.max(200).error('Keep the description under 200 characters'),
    }),
    defineField({
      name: 'url',
      title: 'URL',
      type: 'url',
      description: 'The full address, starting with https://',
      validation: (rule) => requiredWebUrl(rule, 'A research link'),
    }),
    defineField({
      name: 'kind',
      type: 'string',
      options: { list: RESEARCH_LINK_KINDS, layout: 'radio' },
      initialValue: 'hub',
      validation: (rule) => rule.required().error('Say what kind of research this links to'),
    }),
  ],
  orderings: [{ title: 'Title A–Z', name: 'titleAsc', by: [{ field: 'title', direction: 'asc' }] }],
  preview: {
    select: { title: 'title', kind: 'kind', url: 'url' },
    prepare: ({ title, kind, url }) => ({
      title: title || 'Untitled research link',
      subtitle: researchLinkSubtitle(kind, url),
      media: LinkIcon,
    }),
  },
})
