import { defineField } from 'sanity'

/**
 * The `alt` field every image in the model carries. It is only demanded once a file is chosen,
 * so an editor can clear an image without being blocked by its description.
 */
export function altTextField() {
  return defineField({
    name: 'alt',
    title: 'Alternative text',
    type: 'string',
    description: 'Describe the image for readers who cannot see it (screen readers and search engines read this).',
    validation: (rule) => [
      rule.custom((alt, context) => {
        const image = context.parent as { asset?: { _ref?: string } } | undefined
        if (!image?.asset?._ref) return true
        return typeof alt === 'string' && alt.trim() !== '' ? true : 'Images need alternative text for readers who cannot see them'
      }),
      rule.max(200).error('Keep the alternative text under 200 characters'),
    ],
  })
}
