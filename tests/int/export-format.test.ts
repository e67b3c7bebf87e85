/**
 * content/data.ndjson is in the format `sanity dataset export` writes (image fields as
 * `_sanityAsset`, files in images/, no asset documents), so `sanity dataset import` takes it
 * unchanged; lake/export-format.ts turns it into what Sanity holds after import and back, and the
 * lake serves that (asset references resolve, image URLs answer).
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createImageUrlBuilder } from '@sanity/image-url'
import { sanityImport } from '@sanity/import'
import sharp from 'sharp'

import {
  exportDocuments,
  ExportFormatError,
  importExportedDocuments,
  parseNdjson,
  startLake,
  toNdjson,
  type Lake,
  type LakeDocument,
} from '@/lake'

import { lakeClient } from '../helpers/lake'

const CONTENT = join(__dirname, '..', '..', 'content')
const DATASET = join(CONTENT, 'data.ndjson')
const FIXTURE = join(__dirname, '..', 'fixtures', 'lake', 'data.ndjson')
const SEED_SLUG = 'shifting-position-of-leadership-digital-disruption'

const text = readFileSync(DATASET, 'utf8')
const exported = parseNdjson(text, DATASET)
const imported = importExportedDocuments(exported, { datasetDir: CONTENT })

type Obj = Record<string, unknown>
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every object in `value`, depth first. */
function objects(value: unknown): Obj[] {
  if (Array.isArray(value)) return value.flatMap(objects)
  if (!isObj(value)) return []
  return [value, ...Object.values(value).flatMap(objects)]
}

const clientFor = (lake: Lake) => lakeClient(lake.url)

describe('the sample dataset file', () => {
  it('holds no asset documents', () => {
    expect(exported.filter((doc) => /^sanity\.[a-zA-Z]+Asset$/.test(doc._type)).map((doc) => doc._id)).toEqual([])
  })

  it('has image fields with _sanityAsset image@file://./images/<sha1>-<w>x<h>.png and no asset key, each file beside it', () => {
    const images = objects(exported).filter((obj) => obj._type === 'image' || obj._type === 'bodyImage' || '_sanityAsset' in obj)
    expect(images.length).toBeGreaterThan(10)
    for (const image of images) {
      expect(image).not.toHaveProperty('asset')
      const value = image._sanityAsset as string
      const [, name, sha1] = /^image@file:\/\/\.\/images\/(([a-f0-9]{40})-\d+x\d+\.png)$/.exec(value) ?? []
      expect({ value, valid: Boolean(name) }).toEqual({ value, valid: true })
      const file = join(CONTENT, 'images', name!)
      expect(existsSync(file)).toBe(true)
      expect(createHash('sha1').update(readFileSync(file)).digest('hex')).toBe(sha1)
    }
  })
})

describe('importExportedDocuments', () => {
  const assets = imported.filter((doc) => doc._type === 'sanity.imageAsset')
  const assetById = new Map(assets.map((asset) => [asset._id, asset]))

  it('turns every _sanityAsset into an image asset reference', () => {
    expect(JSON.stringify(imported)).not.toContain('_sanityAsset')
    const seed = imported.find((doc) => doc._id === 'article-shifting-position-of-leadership') as Obj
    const main = seed.mainImage as Obj
    const exportedMain = (exported.find((doc) => doc._id === seed._id) as Obj).mainImage as Obj
    const [, sha1, dims] = /([a-f0-9]{40})-(\d+x\d+)\.png$/.exec(exportedMain._sanityAsset as string)!
    expect(main).toMatchObject({ _type: 'image', asset: { _type: 'reference', _ref: `image-${sha1}-${dims}-png` }, alt: exportedMain.alt })
    expect(main.hotspot).toEqual(exportedMain.hotspot)
    for (const obj of objects(imported)) {
      const ref = isObj(obj.asset) ? obj.asset._ref : undefined
      if (typeof ref === 'string') expect(assetById.has(ref)).toBe(true)
    }
  })

  it('adds one sanity.imageAsset per distinct file, as import would create it', () => {
    const files = new Set(text.match(/image@file:\/\/\.\/images\/[^"]+/g))
    expect(assets).toHaveLength(files.size)
    expect(imported.slice(0, exported.length)).toHaveLength(exported.length)
    const assetMap = JSON.parse(readFileSync(join(CONTENT, 'assets.json'), 'utf8')) as Record<string, { originalFilename: string }>
    for (const asset of assets) {
      const [, sha1, width, height] = /^image-([a-f0-9]{40})-(\d+)x(\d+)-png$/.exec(asset._id)!
      const name = `${sha1}-${width}x${height}.png`
      expect(asset).toEqual({
        _id: asset._id,
        _type: 'sanity.imageAsset',
        assetId: sha1,
        sha1hash: sha1,
        extension: 'png',
        mimeType: 'image/png',
        size: statSync(join(CONTENT, 'images', name)).size,
        originalFilename: assetMap[`image-${sha1}`]!.originalFilename,
        path: `images/local/production/${name}`,
        url: `/lake/images/local/production/${name}`,
        metadata: {
          _type: 'sanity.imageMetadata',
          dimensions: {
            _type: 'sanity.imageDimensions',
            width: Number(width),
            height: Number(height),
            aspectRatio: Number(width) / Number(height),
          },
          // computed from the file as Sanity does on upload (lake/images/metadata.ts)
          lqip: expect.stringMatching(/^data:image\/jpeg;base64,/),
          palette: expect.objectContaining({
            _type: 'sanity.imagePalette',
            dominant: expect.objectContaining({ _type: 'sanity.imagePaletteSwatch' }),
          }),
          hasAlpha: expect.any(Boolean),
          isOpaque: true,
        },
      })
      expect(asset.originalFilename).toMatch(/^[a-z-]+\.png$/)
    }
  })

  it('names project and dataset as asked', () => {
    const [asset] = importExportedDocuments(exported, { datasetDir: CONTENT, projectId: 'abc123', dataset: 'staging' }).filter(
      (doc) => doc._type === 'sanity.imageAsset',
    )
    expect(asset!.path).toMatch(/^images\/abc123\/staging\//)
  })

  it('passes documents without _sanityAsset through unchanged (the lake fixture keeps its asset documents)', () => {
    const fixture = parseNdjson(readFileSync(FIXTURE, 'utf8'), FIXTURE)
    const result = importExportedDocuments(fixture, { datasetDir: join(FIXTURE, '..') })
    expect(result).toHaveLength(fixture.length)
    result.forEach((doc, index) => expect(doc).toBe(fixture[index]))
  })

  it('fails naming the document and field for what it cannot import', () => {
    const attempt = (image: Obj) => () =>
      importExportedDocuments([{ _id: 'a1', _type: 'article', body: [{ _key: 'k1', _type: 'bodyImage', ...image }] }], {
        datasetDir: CONTENT,
      })
    expect(attempt({ _sanityAsset: 'file@file://./files/report.pdf' })).toThrow(ExportFormatError)
    expect(attempt({ _sanityAsset: 'file@file://./files/report.pdf' })).toThrow(
      'document "a1" field body[_key=="k1"]: file assets are not supported',
    )
    expect(attempt({ _sanityAsset: `image@file://./images/${'0'.repeat(40)}-10x10.png` })).toThrow(
      `document "a1" field body[_key=="k1"]: image file images/${'0'.repeat(40)}-10x10.png is not beside the dataset`,
    )
    expect(attempt({ _sanityAsset: 'image@file://./images/photo.png' })).toThrow('is not named <sha1>-<width>x<height>.<ext>')
    expect(attempt({ _sanityAsset: 'image@https://example.com/photo.png' })).toThrow('only images beside the dataset are supported')
    expect(attempt({ _sanityAsset: './images/photo.png' })).toThrow('_sanityAsset must be "image@<url>" or "file@<url>"')
  })
})

describe('exportDocuments', () => {
  it('gives back the file exactly: export(import(x)) equals x', () => {
    const roundTrip = exportDocuments(imported)
    expect(roundTrip).toEqual(exported)
    expect(toNdjson(roundTrip)).toBe(text)
  })

  it('writes a dataset holding asset documents and references the way export does', () => {
    const fixture = parseNdjson(readFileSync(FIXTURE, 'utf8'), FIXTURE)
    const out = exportDocuments(fixture)
    expect(out.map((doc) => doc._id)).toEqual(fixture.filter((doc) => doc._type !== 'sanity.imageAsset').map((doc) => doc._id))
    const author = out.find((doc) => doc._id === 'author-ada') as Obj
    expect(author.photo).toEqual({
      _sanityAsset: 'image@file://./images/61262c998812f460973b5f512fec5685419969cc-4x3.png',
      _type: 'image',
      alt: 'An orange square',
    })
    expect(importExportedDocuments(out, { datasetDir: join(FIXTURE, '..') }).find((doc) => doc._id === 'author-ada')).toEqual(
      fixture.find((doc) => doc._id === 'author-ada'),
    )
  })
})

describe('the lake on the sample dataset', () => {
  let lake: Lake
  beforeAll(async () => {
    lake = await startLake({ token: null, port: 0, datasets: { production: DATASET }, watch: false, log: () => {} })
  })
  afterAll(() => lake.close())

  it('resolves image asset references to their asset documents', async () => {
    const width = await clientFor(lake).fetch(
      `*[_type=="article" && slug.current=="${SEED_SLUG}"][0].mainImage.asset->metadata.dimensions.width`,
    )
    expect(typeof width).toBe('number')
    expect(width).toBe(1200)
  })

  it('serves the file behind the URL @sanity/image-url builds from an article main image', async () => {
    const mainImage = await clientFor(lake).fetch(`*[_type=="article" && slug.current=="${SEED_SLUG}"][0].mainImage`)
    const url = createImageUrlBuilder({ projectId: 'local', dataset: 'production', baseUrl: lake.url }).image(mainImage).width(800).url()
    expect(url).toMatch(/\/images\/local\/production\/[a-f0-9]{40}-1200x675\.png\?/)
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
  })
})

describe('the lake writing back after a mutation', () => {
  let dir: string
  let lake: Lake
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-format-'))
    writeFileSync(join(dir, 'data.ndjson'), text)
    symlinkSync(join(CONTENT, 'images'), join(dir, 'images'))
    lake = await startLake({ token: null, port: 0, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })
  })
  afterAll(async () => {
    await lake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps the file in export format, other documents byte for byte', async () => {
    const id = 'article-shifting-position-of-leadership'
    await clientFor(lake).patch(id).set({ 'mainImage.alt': 'A new description' }).commit()
    // The write is in the transaction log; compaction writes the file.
    await lake.compact()
    const after = readFileSync(join(dir, 'data.ndjson'), 'utf8')
    const docs = parseNdjson(after, 'after') as LakeDocument[]
    expect(docs.map((doc) => doc._id)).toEqual(exported.map((doc) => doc._id))
    expect(after).not.toContain('sanity.imageAsset')
    const patched = docs.find((doc) => doc._id === id) as Obj
    const before = exported.find((doc) => doc._id === id) as Obj
    expect(patched.mainImage).toEqual({ ...(before.mainImage as Obj), alt: 'A new description' })
    const unchanged = (lines: string) => lines.split('\n').filter((line) => !line.includes(`"_id":"${id}"`))
    expect(unchanged(after)).toEqual(unchanged(text))
  })
})

describe("Sanity's own import (@sanity/import, what `sanity dataset import` runs) after the Studio's kinds of write", () => {
  const token = 'export-format-import-test-token'
  let dir: string
  let source: Lake
  let target: Lake
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-import-'))
    writeFileSync(join(dir, 'data.ndjson'), text)
    cpSync(join(CONTENT, 'images'), join(dir, 'images'), { recursive: true })
    source = await startLake({ token, port: 0, datasets: { production: join(dir, 'data.ndjson') }, watch: false, log: () => {} })
    const empty = join(mkdtempSync(join(tmpdir(), 'export-import-target-')), 'data.ndjson')
    writeFileSync(empty, '')
    target = await startLake({ token, port: 0, datasets: { production: empty }, watch: false, log: () => {} })
  })
  afterAll(async () => {
    await source?.close()
    await target?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('imports the file the lake wrote, every document as it was and every image uploaded', async () => {
    const editor = lakeClient(source.url, { token })
    // What the Studio does: upload an image, create an article using it, leave a draft beside a published one.
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0ffee' } })
      .png()
      .toBuffer()
    const asset = await editor.assets.upload('image', png, { filename: 'new.png' })
    const seed = (await editor.getDocument('article-shifting-position-of-leadership'))!
    await editor.create({
      ...seed,
      _id: 'article-imported',
      slug: { _type: 'slug', current: 'imported' },
      mainImage: { _type: 'image', asset: { _type: 'reference', _ref: asset._id } },
    })
    await editor.createOrReplace({ ...seed, _id: 'drafts.article-imported', title: 'Imported, then edited' })
    await source.compact()

    const written = parseNdjson(readFileSync(join(dir, 'data.ndjson'), 'utf8'), 'written') as LakeDocument[]
    expect(written.some((doc) => /^sanity\.[a-zA-Z]+Asset$/.test(doc._type))).toBe(false)
    const result = await sanityImport(dir, { client: lakeClient(target.url, { token }), operation: 'create' })
    expect(result).toMatchObject({ numDocs: written.length, warnings: [] })

    // Documents come back as the Studio wrote them; the importer makes their asset references.
    const ignore = new Set(['_rev', '_createdAt', '_updatedAt'])
    const strip = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(strip)
        : isObj(value)
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([key]) => !ignore.has(key))
                .map(([key, inner]) => [key, strip(inner)]),
            )
          : value
    const raw = lakeClient(target.url, { token, perspective: 'raw' })
    const back = await raw.fetch<LakeDocument[]>('*[!(_type match "sanity.*")] | order(_id)')
    const before = await lakeClient(source.url, { token, perspective: 'raw' }).fetch<LakeDocument[]>(
      '*[!(_type match "sanity.*")] | order(_id)',
    )
    expect(back.map(strip)).toEqual(before.map(strip))
    const image = await raw.fetch('*[_id == "article-imported"][0].mainImage.asset->{sha1hash, "width": metadata.dimensions.width}')
    expect(image).toEqual({ sha1hash: createHash('sha1').update(png).digest('hex'), width: 64 })
  })
})
