import { ShareIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

import { GRANT_TYPE } from '../../../lib/preview/share-links'

/**
 * One share link (lib/preview/share-links.ts): which article it shows and until when. Made by the
 * "Share preview link" action or `npm run content -- preview-link`, never by hand; deleting it
 * revokes the link. Stored under a dotted id (`preview-grant.<uuid>`), so a reader's request to
 * the dataset never sees it, as with drafts.
 */
export const previewGrant = defineType({
  name: GRANT_TYPE,
  title: 'Preview link',
  type: 'document',
  icon: ShareIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'document',
      title: 'Article shown',
      type: 'reference',
      to: [{ type: 'article' }],
      weak: true,
      validation: (rule) => rule.required().error('A preview link shows one article'),
    }),
    defineField({ name: 'createdAt', title: 'Made', type: 'datetime' }),
    defineField({
      name: 'expiresAt',
      title: 'Expires',
      type: 'datetime',
      validation: (rule) => rule.required().error('A preview link needs an expiry'),
    }),
    defineField({ name: 'createdBy', title: 'Made by', type: 'string' }),
  ],
  orderings: [{ title: 'Newest first', name: 'createdDesc', by: [{ field: 'createdAt', direction: 'desc' }] }],
  preview: {
    select: { title: 'document.title', expiresAt: 'expiresAt' },
    prepare({ title, expiresAt }: { title?: string; expiresAt?: string }) {
      const expired = expiresAt ? Date.parse(expiresAt) <= Date.now() : true
      return {
        title: `Preview of ${title ?? 'a deleted article'}`,
        subtitle: expiresAt
          ? `${expired ? 'Expired' : 'Expires'} ${new Date(expiresAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC`
          : 'No expiry',
      }
    },
  },
})
