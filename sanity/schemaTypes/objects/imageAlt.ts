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
    description: 'Describe the image for readers who cannot see it.',
    validation: (rule) => [
      rule.custom((alt, context) => {
        const image = context.parent as { asset?: { _ref?: string } } | undefined
        if (!image?.asset?._ref) return true
        return typeof alt === 'string' && alt.trim() !== ''
          ? true
          : 'Describe this image in the alternative text (screen readers and search engines use it)'
      }),
      rule.max(200).error('Keep the alternative text under 200 characters'),
    ],
  })
}
