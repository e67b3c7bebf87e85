/**
 * Images as a reader's browser gets them on the embedded default: URLs cut around the editor's
 * hotspot, fetched through the site's proxy (lib/content/image-proxy.ts) from a real lake, in the
 * format the browser says it accepts.
 */
import sharp from 'sharp'

import { type RunningLake, startTestLake } from '../helpers/lake'

type Modules = { proxy: typeof import('@/lib/content/image-proxy'); images: typeof import('@/lib/content/images') }

let lake: RunningLake
let modules: Modules

beforeAll(async () => {
  lake = await startTestLake()
  process.env.SANITY_LAKE_URL = lake.url
  delete process.env.NEXT_PUBLIC_SANITY_PROJECT_ID
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    modules = { proxy: require('@/lib/content/image-proxy'), images: require('@/lib/content/images') }
  })
})
afterAll(() => lake.close())

const IMAGE = {
  asset: { _ref: 'image-2cfa5662cc6a70df01078b62eeaa172cd470cc63-600x600-png' },
  hotspot: { x: 0.8, y: 0.2, width: 0.3, height: 0.3 },
  crop: { top: 0, bottom: 0, left: 0, right: 0 },
}

/** Asks the proxy for an image URL the site builds, as a browser sending `accept` would. */
async function viaProxy(url: string, accept: string) {
  const { pathname, search } = new URL(url, 'http://site.example')
  const segments = pathname.replace(/^\/lake\/images\//, '').split('/')
  const response = await modules.proxy.proxyLakeImage(segments, search, accept)
  return { response, meta: await sharp(Buffer.from(await response.arrayBuffer())).metadata() }
}

it('cuts a listing image around the hotspot, not from the centre', () => {
  const url = new URL(modules.images.imageUrl(IMAGE as never, 400, 200), 'http://site.example')
  expect(url.searchParams.get('fit')).toBe('crop')
  expect(url.searchParams.get('crop')).toBeNull()
  // A 2:1 window of the 600 px square, shifted towards the hotspot in the top right.
  const [x, y, w, h] = (url.searchParams.get('rect') ?? '').split(',').map(Number)
  expect([w, h]).toEqual([600, 300])
  expect(x).toBe(0)
  expect(y).toBeLessThan(150)
})

it('serves WebP to a browser that accepts it and PNG to one that does not, varying on Accept', async () => {
  const url = modules.images.imageUrl(IMAGE as never, 200, 100)
  const webp = await viaProxy(url, 'image/avif;q=0,image/webp,*/*')
  expect(webp.response.status).toBe(200)
  expect(webp.meta.format).toBe('webp')
  expect([webp.meta.width, webp.meta.height]).toEqual([200, 100])
  expect(webp.response.headers.get('vary')).toMatch(/accept/i)

  const png = await viaProxy(url, 'image/png,*/*;q=0.1')
  expect(png.meta.format).toBe('png')
})
