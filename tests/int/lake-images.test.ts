/**
 * The lake's image pipeline as the site uses it: URLs from the real @sanity/image-url builder,
 * against a lake on a free port serving a dataset whose one image is grey with a red square in
 * its top-right corner, where the editor put the hotspot. Outputs are read back with sharp.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createImageUrlBuilder } from '@sanity/image-url'
import sharp from 'sharp'

import { startLake, type Lake } from '@/lake'

import { lakeClient } from '../helpers/lake'

const WIDTH = 400
const HEIGHT = 200
const RED = { r: 255, g: 0, b: 0 }
const GREY = { r: 128, g: 128, b: 128 }

let dir: string
let lake: Lake
let sha1: string
let image: Record<string, unknown>
const logs: string[] = []

/** 400x200 grey, with a red 100x100 square in the top-right corner. */
async function drawImage(): Promise<Buffer> {
  const square = await sharp({ create: { width: 100, height: 100, channels: 3, background: RED } })
    .png()
    .toBuffer()
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: GREY } })
    .composite([{ input: square, left: 300, top: 0 }])
    .png()
    .toBuffer()
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-images-'))
  const png = await drawImage()
  sha1 = createHash('sha1').update(png).digest('hex')
  mkdirSync(join(dir, 'images'))
  writeFileSync(join(dir, 'images', `${sha1}-${WIDTH}x${HEIGHT}.png`), png)
  const hotspot = { _type: 'sanity.imageHotspot', x: 0.875, y: 0.25, width: 0.2, height: 0.4 }
  const crop = { _type: 'sanity.imageCrop', top: 0, bottom: 0, left: 0, right: 0 }
  const doc = {
    _id: 'article-red-corner',
    _type: 'article',
    title: 'Red corner',
    mainImage: { _type: 'image', _sanityAsset: `image@file://./images/${sha1}-${WIDTH}x${HEIGHT}.png`, hotspot, crop },
  }
  writeFileSync(join(dir, 'data.ndjson'), `${JSON.stringify(doc)}\n`)
  lake = await startLake({
    token: null,
    port: 0,
    datasets: { production: join(dir, 'data.ndjson') },
    watch: false,
    log: (m) => logs.push(m),
  })
  image = { _type: 'image', asset: { _type: 'reference', _ref: `image-${sha1}-${WIDTH}x${HEIGHT}-png` }, hotspot, crop }
})

afterAll(async () => {
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

const builder = () => createImageUrlBuilder({ projectId: 'local', dataset: 'production', baseUrl: lake.url }).image(image)
type Builder = ReturnType<typeof builder>

async function get(url: string, accept = 'image/png') {
  const res = await fetch(url, { headers: { accept } })
  const body = Buffer.from(await res.arrayBuffer())
  return { res, body }
}

async function render(url: string, accept?: string) {
  const { res, body } = await get(url, accept)
  expect({ url, status: res.status }).toEqual({ url, status: 200 })
  const meta = await sharp(body).metadata()
  return { res, body, meta, size: `${meta.width}x${meta.height}` }
}

/** The colour of one pixel of an encoded image. */
async function pixel(body: Buffer, x: number, y: number) {
  const { data, info } = await sharp(body).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return { r: data[at]!, g: data[at + 1]!, b: data[at + 2]! }
}

const near = (actual: { r: number; g: number; b: number }, expected: { r: number; g: number; b: number }) =>
  Math.abs(actual.r - expected.r) + Math.abs(actual.g - expected.g) + Math.abs(actual.b - expected.b) < 30

describe('sizes', () => {
  it.each<[string, (b: Builder) => Builder, string]>([
    ['w keeps the aspect ratio', (b) => b.width(100), '100x50'],
    ['h keeps the aspect ratio', (b) => b.height(50), '100x50'],
    ['dpr multiplies the size', (b) => b.width(100).dpr(2), '200x100'],
    ['fit=clip fits inside the box', (b) => b.ignoreImageParams().width(100).height(100).fit('clip'), '100x50'],
    ['fit=max never scales up', (b) => b.ignoreImageParams().width(1000).height(1000).fit('max'), '400x200'],
    ['fit=scale stretches to the box', (b) => b.ignoreImageParams().width(100).height(100).fit('scale'), '100x100'],
    ['fit=crop fills the box', (b) => b.ignoreImageParams().width(100).height(100).fit('crop'), '100x100'],
    ['fit=fill pads to the box', (b) => b.ignoreImageParams().width(100).height(100).fit('fill'), '100x100'],
    ['fit=fillmax pads without scaling up', (b) => b.ignoreImageParams().width(500).height(500).fit('fillmax'), '500x500'],
    ['fit=min crops to the aspect without scaling up', (b) => b.ignoreImageParams().width(1000).height(1000).fit('min'), '200x200'],
    ['fit=min scales down to the box', (b) => b.ignoreImageParams().width(50).height(50).fit('min'), '50x50'],
    ['max-w bounds a fit=crop', (b) => b.maxWidth(150).fit('crop'), '150x75'],
    ['min-h bounds a fit=crop', (b) => b.width(100).minHeight(80).fit('crop'), '100x80'],
    ['rect cuts the source', (b) => b.rect(300, 0, 100, 100), '100x100'],
    ['or=90 turns the picture', (b) => b.orientation(90), '200x400'],
  ])('%s', async (_name, build, size) => {
    expect((await render(build(builder()).url())).size).toBe(size)
  })

  it('fit=fillmax centres the picture at its own size on the bg colour', async () => {
    const { body } = await render(builder().ignoreImageParams().width(500).height(500).fit('fillmax').bg('00ff00').url())
    expect(near(await pixel(body, 2, 2), { r: 0, g: 255, b: 0 })).toBe(true)
    expect(near(await pixel(body, 60, 250), GREY)).toBe(true)
    expect(near(await pixel(body, 440, 160), RED)).toBe(true)
  })
})

describe('crops follow the editor', () => {
  it('cuts a square around the hotspot in the red corner', async () => {
    const url = builder().width(100).height(100).url()
    expect(url).toContain('rect=200,0,200,200')
    const { body, size } = await render(url)
    expect(size).toBe('100x100')
    expect(near(await pixel(body, 75, 25), RED)).toBe(true)
    expect(near(await pixel(body, 25, 75), GREY)).toBe(true)
  })

  it('keeps the left of the picture when the hotspot moves there', async () => {
    const { body } = await render(
      createImageUrlBuilder({ projectId: 'local', dataset: 'production', baseUrl: lake.url })
        .image({ ...image, hotspot: { x: 0.1, y: 0.9, width: 0.1, height: 0.1 } })
        .width(100)
        .height(100)
        .url(),
    )
    expect(near(await pixel(body, 95, 5), GREY)).toBe(true)
  })

  it('crop=focalpoint uses fp-x and fp-y', async () => {
    const { body } = await render(builder().width(100).height(100).fit('crop').crop('focalpoint').focalPoint(0.875, 0.25).url())
    expect(near(await pixel(body, 75, 25), RED)).toBe(true)
    const { body: centred } = await render(builder().width(100).height(100).fit('crop').crop('center').url())
    expect(near(await pixel(centred, 75, 25), GREY)).toBe(true)
  })

  it('crop=right and flip=h move the red corner', async () => {
    const { body } = await render(builder().ignoreImageParams().width(100).height(100).fit('crop').crop('right').url())
    expect(near(await pixel(body, 75, 25), RED)).toBe(true)
    const { body: flipped } = await render(builder().ignoreImageParams().width(100).flipHorizontal().url())
    expect(near(await pixel(flipped, 10, 10), RED)).toBe(true)
    expect(near(await pixel(flipped, 90, 10), GREY)).toBe(true)
  })

  it('or=90 turns the picture clockwise, then flip=h mirrors it', async () => {
    const { body: turned } = await render(builder().ignoreImageParams().width(100).orientation(90).url())
    expect(near(await pixel(turned, 90, 190), RED)).toBe(true)
    const { body: mirrored } = await render(builder().ignoreImageParams().width(100).orientation(90).flipHorizontal().url())
    expect(near(await pixel(mirrored, 10, 190), RED)).toBe(true)
    expect(near(await pixel(mirrored, 90, 190), GREY)).toBe(true)
  })

  it('crops the turned picture, not the file', async () => {
    const crop = (edge: 'top' | 'bottom') =>
      builder().ignoreImageParams().orientation(90).width(100).height(100).fit('crop').crop(edge).url()
    const { body: bottom } = await render(crop('bottom'))
    expect(near(await pixel(bottom, 75, 75), RED)).toBe(true)
    const { body: top } = await render(crop('top'))
    expect(near(await pixel(top, 75, 75), GREY)).toBe(true)
  })
})

describe('formats', () => {
  it.each([
    ['jpg', 'jpeg', 'image/jpeg'],
    ['pjpg', 'jpeg', 'image/jpeg'],
    ['png', 'png', 'image/png'],
    ['webp', 'webp', 'image/webp'],
  ] as const)('fm=%s', async (fm, format, type) => {
    const { res, meta } = await render(builder().width(80).format(fm).url())
    expect([meta.format, res.headers.get('content-type')]).toEqual([format, type])
  })

  it('fm=avif', async () => {
    // @sanity/image-url's format() does not list avif yet; the pipeline takes fm=avif.
    const { res, meta } = await render(`${builder().width(80).url()}&fm=avif`)
    expect([meta.format, meta.compression, res.headers.get('content-type')]).toEqual(['heif', 'av1', 'image/avif'])
  })

  it('q trades size for quality', async () => {
    const low = await render(builder().width(300).format('jpg').quality(5).url())
    const high = await render(builder().width(300).format('jpg').quality(95).url())
    expect(low.body.length).toBeLessThan(high.body.length)
  })

  it('auto=format follows Accept and says so in Vary', async () => {
    const url = builder().width(120).auto('format').url()
    const avif = await render(url, 'image/avif,image/webp,image/*,*/*;q=0.8')
    const webp = await render(url, 'image/webp,*/*')
    const none = await render(url, '*/*')
    expect([avif.res.headers.get('content-type'), webp.res.headers.get('content-type'), none.res.headers.get('content-type')]).toEqual([
      'image/avif',
      'image/webp',
      'image/png',
    ])
    for (const { res } of [avif, webp, none]) expect(res.headers.get('vary')).toMatch(/\bAccept\b/)
  })

  it('fm wins over auto=format', async () => {
    const { res } = await render(builder().width(120).auto('format').format('jpg').url(), 'image/avif')
    expect(res.headers.get('content-type')).toBe('image/jpeg')
  })
})

describe('hostile parameters', () => {
  const base = () => `${lake.url}/images/local/production/${sha1}-${WIDTH}x${HEIGHT}.png`

  it.each([
    ['w=999999', 'w'],
    ['w=-5', 'w'],
    ['w=abc', 'w'],
    ['h=NaN', 'h'],
    ['w=0', 'w'],
    ['w=1e5', 'w'],
    ['rect=0,0,100000,100000', 'rect'],
    ['rect=390,0,20,20', 'rect'],
    ['rect=-1,0,10,10', 'rect'],
    ['rect=1,2,3', 'rect'],
    ['q=500', 'q'],
    ['fm=bmp', 'fm'],
    ['dpr=100', 'dpr'],
    ['fit=cover', 'fit'],
    ['crop=middle', 'crop'],
    ['fp-x=2&crop=focalpoint', 'fp-x'],
    ['bg=notacolour', 'bg'],
    ['auto=compress', 'auto'],
    ['w=8192&h=8192&fit=scale', 'largest'],
    ['w=4000&dpr=3', 'largest'],
  ])('%s is a 400 naming the problem', async (query, named) => {
    const { res, body } = await get(`${base()}?${query}`)
    expect(res.status).toBe(400)
    const { error } = JSON.parse(body.toString()) as { error: { type: string; description: string } }
    expect(error.type).toBe('httpBadRequest')
    expect(error.description).toContain(named)
  })

  it('keeps answering after them', async () => {
    expect((await render(`${base()}?w=10`)).size).toBe('10x5')
    expect(logs.filter((line) => line.includes('internal error'))).toEqual([])
  })
})

describe('the variant cache', () => {
  it('serves the second request from disk, immutable, with the same bytes', async () => {
    const url = builder().width(77).format('webp').url()
    const first = await get(url)
    const second = await get(url)
    expect([first.res.headers.get('x-lake-image-cache'), second.res.headers.get('x-lake-image-cache')]).toEqual(['miss', 'hit'])
    expect(second.body.equals(first.body)).toBe(true)
    expect(second.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const etag = second.res.headers.get('etag')!
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304)
    expect(existsSync(join(dir, '.image-cache', 'variants'))).toBe(true)
  })

  it('transforms once for identical requests at the same time', async () => {
    const url = builder().width(91).format('jpg').url()
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(url)))
    const states = answers.map(({ res }) => res.headers.get('x-lake-image-cache'))
    expect(states.filter((state) => state === 'miss')).toHaveLength(1)
    expect(answers.every(({ body }) => body.equals(answers[0]!.body))).toBe(true)
  })

  describe('within bounds (a lake of its own with small limits)', () => {
    let small: Lake
    let smallDir: string
    const variantsBytes = () => {
      const root = join(smallDir, '.image-cache', 'variants')
      if (!existsSync(root)) return 0
      return readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
    }
    const at = (width: number) =>
      createImageUrlBuilder({ projectId: 'local', dataset: 'production', baseUrl: small.url }).image(image).width(width).format('png').url()

    beforeAll(async () => {
      smallDir = mkdtempSync(join(tmpdir(), 'lake-images-small-'))
      cpSync(join(dir, 'images'), join(smallDir, 'images'), { recursive: true })
      cpSync(join(dir, 'data.ndjson'), join(smallDir, 'data.ndjson'))
      small = await startLake({
        token: null,
        port: 0,
        datasets: { production: join(smallDir, 'data.ndjson') },
        watch: false,
        log: () => {},
        imageCache: { maxBytes: 20_000, maxTransforms: 1, maxQueued: 2 },
      })
    })
    afterAll(async () => {
      await small.close()
      rmSync(smallDir, { recursive: true, force: true })
    })

    it('keeps the variants on disk under their byte budget, dropping the least recently used', async () => {
      const widths = Array.from({ length: 30 }, (_, i) => 60 + i * 7)
      for (const width of widths) expect((await get(at(width))).res.status).toBe(200)
      let bytes = variantsBytes()
      for (let i = 0; i < 50 && bytes > 20_000; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        bytes = variantsBytes()
      }
      expect(bytes).toBeGreaterThan(0)
      expect(bytes).toBeLessThanOrEqual(20_000)
      // The newest variant is still there; the first was removed and is made again.
      expect((await get(at(widths.at(-1)!))).res.headers.get('x-lake-image-cache')).toBe('hit')
      expect((await get(at(widths[0]!))).res.headers.get('x-lake-image-cache')).toBe('miss')
    })

    it('runs one transform at a time with two waiting: more at once get a 503, and it answers again after', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => get(at(400 + i))))
      const statuses = answers.map(({ res }) => res.status)
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(3)
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(1)
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true)
      const busy = answers.find(({ res }) => res.status === 503)!
      expect(JSON.parse(busy.body.toString()).error.type).toBe('imageBusy')
      expect((await get(at(399))).res.status).toBe(200)
    })
  })

  it('serves the file itself when nothing changes', async () => {
    const { res, body } = await get(builder().ignoreImageParams().url())
    expect(res.headers.get('x-lake-image-cache')).toBeNull()
    expect(createHash('sha1').update(body).digest('hex')).toBe(sha1)
  })
})

describe('asset metadata', () => {
  const client = () => lakeClient(lake.url)

  it('has lqip, palette and dimensions, as Sanity computes them on upload', async () => {
    type Swatch = { _type: string; background: string; foreground: string; population: number; title: string }
    const metadata = await client().fetch<{
      lqip: string
      palette: Record<string, Swatch>
      dimensions: { width: number }
      isOpaque: boolean
    }>('*[_type=="sanity.imageAsset"][0].metadata')
    expect(metadata.dimensions.width).toBe(WIDTH)
    expect(metadata.isOpaque).toBe(true)
    const [, base64] = /^data:image\/jpeg;base64,(.+)$/.exec(metadata.lqip) ?? []
    const lqip = await sharp(Buffer.from(base64!, 'base64')).metadata()
    expect([lqip.width, lqip.height]).toEqual([20, 10])
    expect(metadata.palette._type).toBe('sanity.imagePalette')
    // 7/8 of the picture is grey; the thumbnail the palette is read from blends the edge a little.
    expect(metadata.palette.dominant).toMatchObject({ _type: 'sanity.imagePaletteSwatch', background: '#808080', foreground: '#000' })
    expect(metadata.palette.dominant!.population).toBeGreaterThan(80)
    expect(metadata.palette.dominant!.population).toBeLessThanOrEqual(87.5)
    const vibrant = metadata.palette.vibrant!.background
    expect(
      near({ r: parseInt(vibrant.slice(1, 3), 16), g: parseInt(vibrant.slice(3, 5), 16), b: parseInt(vibrant.slice(5, 7), 16) }, RED),
    ).toBe(true)
  })

  it('is cached beside the dataset and not written into it', () => {
    expect(existsSync(join(dir, '.image-cache', 'metadata', `${sha1}.json`))).toBe(true)
    expect(readFileSync(join(dir, 'data.ndjson'), 'utf8')).not.toContain('lqip')
  })
})
