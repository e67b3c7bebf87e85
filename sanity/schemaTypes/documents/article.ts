import { DocumentTextIcon, ImageIcon, SearchIcon, TagsIcon } from '@sanity/icons'
import { defineArrayMember, defineField, defineType } from 'sanity'

import { formatFullDate } from '../../../lib/format'
import { altTextField } from '../objects/imageAlt'
import { previousSlugsField, slugField } from '../objects/slug'

/** The article preview's subtitle: first author and publication date as the site prints it, "Jennifer Jordan · 3 March 2025". */
export function articleSubtitle(author: unknown, publishedAt: unknown): string {
  const date = typeof publishedAt === 'string' && !Number.isNaN(Date.parse(publishedAt)) ? formatFullDate(publishedAt) : null
  return [typeof author === 'string' ? author : null, date ?? 'No publication date'].filter(Boolean).join(' · ')
}

/** A published piece of thought leadership: the page readers come for. */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [
    { name: 'content', title: 'Content', icon: DocumentTextIcon, default: true },
    { name: 'relations', title: 'Authors & related', icon: TagsIcon },
    { name: 'seo', title: 'Search & sharing', icon: SearchIcon },
  ],
  fields: [
    defineField({
      name: 'title',
      type: 'string',
      group: 'content',
      validation: (rule) => [
        rule.required().error('Every article needs a title'),
        rule.max(120).error('Keep the title under 120 characters so it fits on cards and in search results'),
      ],
    }),
    slugField({
      source: 'title',
      group: ['content', 'seo'],
      missing: 'Give the article a slug (its web address): use Generate to make one from the title',
    }),
    defineField({
      name: 'standfirst',
      type: 'text',
      rows: 2,
      group: 'content',
      description: 'The line under the title that tells readers why to read on (at most 300 characters).',
      validation: (rule) => [
        rule.required().error('Write a standfirst: one line under the title'),
        rule.max(300).error('The standfirst is at most 300 characters – shorten it'),
      ],
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published at',
      type: 'datetime',
      group: 'content',
      description: 'Articles are listed newest first by this date.',
      initialValue: () => new Date().toISOString(),
      validation: (rule) => rule.required().error('Set the publication date'),
    }),
    defineField({
      name: 'featured',
      type: 'boolean',
      group: 'content',
      description: 'Featured articles lead the home page.',
      initialValue: false,
    }),
    defineField({
      name: 'authors',
      type: 'array',
      group: ['content', 'relations'],
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'author' }] })],
      validation: (rule) => [
        rule.required().min(1).error('Add at least one author'),
        rule.unique().error('Each author can only be listed once – remove the repeat'),
      ],
    }),
    defineField({
      name: 'topics',
      type: 'array',
      group: ['content', 'relations'],
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'topic' }] })],
      validation: (rule) => [
        rule.required().min(1).error('File the article under at least one topic'),
        rule.unique().error('Each topic can only be chosen once – remove the repeat'),
      ],
    }),
    defineField({
      name: 'mainImage',
      title: 'Main image',
      type: 'image',
      icon: ImageIcon,
      group: 'content',
      description: 'Shown at the top of the article, on cards and when the article is shared.',
      options: { hotspot: true },
      fields: [altTextField()],
    }),
    defineField({
      name: 'body',
      type: 'articleBody',
      group: 'content',
      validation: (rule) => rule.required().error('Write the article body'),
    }),
    defineField({
      name: 'researchLinks',
      title: 'Research links',
      type: 'array',
      group: 'relations',
      description: 'Research outside the site, listed under the article.',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'researchHubLink' }] })],
      validation: (rule) => rule.unique().error('Each research link can only be listed once – remove the repeat'),
    }),
    defineField({
      name: 'relatedArticles',
      title: 'Related articles',
      type: 'array',
      group: 'relations',
      description: 'The article shows 3 related articles: these first, then the newest articles on the same topics.',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'article' }] })],
      validation: (rule) => [
        rule.unique().error('Each related article can only be listed once – remove the repeat'),
        rule.max(4).warning('Readers rarely follow more than 4 related articles'),
        rule.custom((related, context) => {
          const self = context.document?._id.replace(/^drafts\./, '')
          const refs = (related ?? []) as { _ref?: string }[]
          return refs.some((ref) => ref._ref === self) ? 'An article cannot be related to itself' : true
        }),
      ],
    }),
    defineField({ name: 'seo', title: 'Search & sharing', type: 'seo', group: 'seo' }),
    previousSlugsField({ group: 'seo', path: '/insights/' }),
  ],
  orderings: [
    { title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] },
    { title: 'Oldest first', name: 'publishedAtAsc', by: [{ field: 'publishedAt', direction: 'asc' }] },
    { title: 'Title A–Z', name: 'titleAsc', by: [{ field: 'title', direction: 'asc' }] },
  ],
  preview: {
    select: { title: 'title', author: 'authors.0.name', publishedAt: 'publishedAt', media: 'mainImage' },
    prepare: ({ title, author, publishedAt, media }) => ({
      title: typeof title === 'string' && title.trim() !== '' ? title : 'Untitled article',
      subtitle: articleSubtitle(author, publishedAt),
      media: media ?? DocumentTextIcon,
    }),
  },
})
