import { ImageIcon } from '@sanity/icons'
import { defineField, defineType } from 'sanity'

import { altTextField } from './imageAlt'

/** An illustration placed between paragraphs of an article. */
export const bodyImage = defineType({
  name: 'bodyImage',
  title: 'Image',
  type: 'image',
  icon: ImageIcon,
  options: { hotspot: true },
  fields: [altTextField(), defineField({ name: 'caption', type: 'string', description: 'Shown under the image.' })],
  validation: (rule) =>
    rule.custom((image) => (image && !(image as { asset?: unknown }).asset ? 'Choose an image file or remove this image block' : true)),
  preview: {
    select: { title: 'caption', subtitle: 'alt', media: 'asset' },
    prepare: ({ title, subtitle, media }) => ({ title: title || subtitle || 'Image', media: media ?? ImageIcon }),
  },
})
