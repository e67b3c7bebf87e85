import { renderToStaticMarkup } from 'react-dom/server'

import { SanityImage } from '@/components/SanityImage'
import { imageSchema } from '@/lib/content/queries/fragments'

const LQIP =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2Q=='
const image = (lqip?: unknown) =>
  imageSchema.parse({ asset: { _ref: 'image-9f3c2a7b1e4d5c6a8b0f1e2d3c4b5a6978877665-1600x900-jpg' }, alt: 'A meeting room', lqip })

describe('SanityImage', () => {
  // The server's HTML, as a reader's browser gets it (jsdom's CSS parser drops next/image's blur style).
  const html = (lqip?: unknown) => renderToStaticMarkup(<SanityImage image={image(lqip)} width={400} sizes="400px" />)

  it('shows the preview of the asset behind the image while the file loads, as it is (no SVG blur filter to build)', () => {
    const markup = html(LQIP)
    expect(markup).toMatch(/<img [^>]*alt="A meeting room"[^>]*style="[^"]*background-image:url\(&quot;data:image\/jpeg;base64,/)
    expect(markup).toContain(LQIP.slice('data:image/jpeg;base64,'.length, 60))
    expect(markup).not.toContain('svg')
  })

  it('shows no placeholder when the asset has none', () => {
    expect(html()).toContain('alt="A meeting room"')
    expect(html()).not.toContain('background-image')
  })

  it.each([
    ['a script URL', 'javascript:alert(1)'],
    ['a remote file', 'https://tracker.example/pixel.gif'],
    ['an SVG that could carry script', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='],
    ['a huge string', `data:image/jpeg;base64,${'A'.repeat(10_000)}`],
  ])('drops %s as a preview and keeps the image', (_what, lqip) => {
    expect(image(lqip).lqip).toBeNull()
  })
})
