import { defineArrayMember, defineField, defineType } from 'sanity'

import { altTextField } from '../objects/imageAlt'

/** A published piece of thought leadership: the page readers come for. */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  groups: [
    { name: 'content', title: 'Content', default: true },
    { name: 'links', title: 'Related' },
    { name: 'seo', title: 'SEO' },
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
    defineField({
      name: 'slug',
      type: 'slug',
      group: 'content',
      options: { source: 'title', maxLength: 96 },
      // One rule: the slug type adds the uniqueness check to it, and this message covers both.
      validation: (rule) => rule.required().error('Every article needs a unique slug: use Generate to make one from the title'),
    }),
    defineField({
      name: 'standfirst',
      type: 'text',
      rows: 2,
      group: 'content',
      description: 'The line under the title that tells readers why to read on.',
      validation: (rule) => [
        rule.required().error('Write a standfirst: one line under the title'),
        rule.max(300).error('Keep the standfirst under 300 characters'),
      ],
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published at',
      type: 'datetime',
      group: 'content',
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
      group: 'content',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'author' }] })],
      validation: (rule) => [
        rule.required().min(1).error('Add at least one author'),
        rule.unique().error('Each author can only be listed once'),
      ],
    }),
    defineField({
      name: 'topics',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'topic' }] })],
      validation: (rule) => [
        rule.required().min(1).error('File the article under at least one topic'),
        rule.unique().error('Each topic can only be chosen once'),
      ],
    }),
    defineField({
      name: 'mainImage',
      title: 'Main image',
      type: 'image',
      group: 'content',
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
      group: 'links',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'researchHubLink' }] })],
      validation: (rule) => rule.unique().error('Each research link can only be listed once'),
    }),
    defineField({
      name: 'relatedArticles',
      title: 'Related articles',
      type: 'array',
      group: 'links',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'article' }] })],
      validation: (rule) => [
        rule.unique().error('Each related article can only be listed once'),
        rule.max(4).warning('Readers rarely follow more than 4 related articles'),
        rule.custom((related, context) => {
          const self = context.document?._id.replace(/^drafts\./, '')
          const refs = (related ?? []) as { _ref?: string }[]
          return refs.some((ref) => ref._ref === self) ? 'An article cannot be related to itself' : true
        }),
      ],
    }),
    defineField({ name: 'seo', title: 'SEO', type: 'seo', group: 'seo' }),
  ],
  orderings: [{ title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] }],
  preview: {
    select: { title: 'title', author: 'authors.0.name', publishedAt: 'publishedAt', media: 'mainImage' },
    prepare: ({ title, author, publishedAt, media }) => ({
      title,
      subtitle: [author, typeof publishedAt === 'string' ? publishedAt.slice(0, 10) : null].filter(Boolean).join(' · '),
      media,
    }),
  },
})
