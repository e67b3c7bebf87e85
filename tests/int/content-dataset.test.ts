/**
 * The sample dataset (content/data.ndjson, in `sanity dataset export` format): it passes the
 * schema's own validation, the validator names each problem an editor would make, and the facts
 * the site and its tests rely on hold.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { evaluate, parse } from 'groq-js'
import sharp from 'sharp'

// Raw NDJSON documents: the tests reach into arbitrary fields and assert their values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { _id: string; _type: string } & Record<string, any>

const ROOT = join(__dirname, '..', '..')
const DATASET = join(ROOT, 'content', 'data.ndjson')
const IMAGES = join(ROOT, 'content', 'images')
const SEED_ID = 'article-shifting-position-of-leadership'

const readDataset = (file = DATASET): Doc[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Doc)

const docs = readDataset()
const byId = new Map(docs.map((doc) => [doc._id, doc]))
const published = (type: string) => docs.filter((doc) => doc._type === type && !doc._id.startsWith('drafts.'))
const get = (id: string): Doc => {
  const doc = byId.get(id)
  if (!doc) throw new Error(`dataset has no document ${id}`)
  return doc
}

/** Runs the validator as a user would; loading `sanity` takes seconds, hence the long timeout. */
function validate(file: string) {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
  const run = spawnSync(tsx, ['scripts/validate-content.ts', '--dataset', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
  })
  return { code: run.status, out: `${run.stdout}\n${run.stderr}` }
}

describe('validate-content on the sample dataset', () => {
  it('finds no problems and exits 0', () => {
    const { code, out } = validate(DATASET)
    expect(out).toMatch(new RegExp(`${docs.length} documents .*: 0 errors`))
    expect(code).toBe(0)
  }, 180_000)
})

describe('validate-content on a dataset with editor mistakes', () => {
  let dir = ''
  let result: { code: number | null; out: string }
  const clone = (id: string): Doc => structuredClone(get(id))

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'content-broken-'))
    // images/ beside the copy: links to the sample's files (more are added below).
    mkdirSync(join(dir, 'images'))
    for (const file of readdirSync(IMAGES)) symlinkSync(join(IMAGES, file), join(dir, 'images', file))
    const untitled = clone('article-data-culture')
    delete untitled.title
    const longTitle = clone('article-one-page-strategy')
    longTitle.title = 'A'.repeat(200)
    const scripted = clone('article-decision-speed')
    scripted.body[0].markDefs.push({ _key: 'evil', _type: 'link', href: 'javascript:alert(1)' })
    scripted.body[0].children[0].marks = ['evil']
    const ftp = clone('research-boardroom-podcast')
    ftp.url = 'ftp://files.example.org/boardroom.mp3'
    const dangling = clone('article-green-premium')
    dangling.authors.push({ _key: 'ghost', _type: 'reference', _ref: 'author-nobody' })
    const missingImage = clone('article-pricing-power')
    missingImage.mainImage._sanityAsset = `image@file://./images/${'0'.repeat(40)}-1200x675.png`
    const wrongName = clone('article-strategy-in-the-fog')
    const fogFile = wrongName.mainImage._sanityAsset.replace('image@file://./images/', '')
    wrongName.mainImage._sanityAsset = wrongName.mainImage._sanityAsset.replace('-1200x675.png', '-1200x600.png')
    const oldStyle = clone('author-amara-okafor')
    const photoSha = oldStyle.photo._sanityAsset.match(/([a-f0-9]{40})-/)[1]
    oldStyle.photo = { _type: 'image', asset: { _type: 'reference', _ref: `image-${photoSha}-600x600-png` }, alt: oldStyle.photo.alt }
    const assetDoc = {
      _id: `image-${photoSha}-600x600-png`,
      _type: 'sanity.imageAsset',
      url: `/lake/images/local/production/${photoSha}-600x600.png`,
    }
    symlinkSync(join(IMAGES, fogFile), join(dir, 'images', fogFile.replace('-1200x675.png', '-1200x600.png')))
    const broken = new Map([untitled, longTitle, scripted, ftp, dangling, missingImage, wrongName, oldStyle].map((doc) => [doc._id, doc]))
    // A preview link whose article is gone (a weak reference may dangle), one without an expiry, and
    // a secret the Presentation tool wrote (Sanity's own type, not in the content model).
    const grant = (id: string, extra: object) => ({
      _id: `preview-grant.${id}`,
      _type: 'previewGrant',
      document: { _type: 'reference', _ref: 'article-deleted-since', _weak: true },
      createdAt: '2026-11-01T00:00:00Z',
      ...extra,
    })
    const systemDocs = [
      grant('dangling', { expiresAt: '2026-11-02T00:00:00Z' }),
      grant('no-expiry', {}),
      { _id: 'sanity-preview-url-secret.x', _type: 'sanity.previewUrlSecret', secret: 's', studioUrl: '/studio' },
    ]
    const lines = [
      ...docs.map((doc) => JSON.stringify(broken.get(doc._id) ?? doc)),
      JSON.stringify(assetDoc),
      ...systemDocs.map((d) => JSON.stringify(d)),
    ]
    writeFileSync(join(dir, 'data.ndjson'), `${lines.join('\n')}\n`)
    result = validate(join(dir, 'data.ndjson'))
  }, 180_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exits 1', () => {
    expect(result.code).toBe(1)
  })

  it('names the article with no title', () => {
    expect(result.out).toContain('article-data-culture title: Every article needs a title')
  })

  it('names the 200-character title', () => {
    expect(result.out).toContain('article-one-page-strategy title: Keep the title under 120 characters')
  })

  it('refuses a javascript: link in the body', () => {
    const block = get('article-decision-speed').body[0]._key
    expect(result.out).toContain(
      `article-decision-speed body[_key=="${block}"].markDefs[_key=="evil"].href: A link needs an address that starts with http://, https:// or mailto:`,
    )
  })

  it('refuses an ftp:// research link', () => {
    expect(result.out).toContain('research-boardroom-podcast url: A research link needs a web address that starts with http:// or https://')
  })

  it('lets a preview link point at a deleted article (a weak reference), asks for its expiry, and leaves Sanity’s own documents alone', () => {
    expect(result.out).not.toContain('preview-grant.dangling')
    expect(result.out).toContain('preview-grant.no-expiry expiresAt: A preview link needs an expiry')
    expect(result.out).not.toContain('sanity-preview-url-secret')
  })

  it('names the dangling reference', () => {
    expect(result.out).toContain('article-green-premium authors[_key=="ghost"]: reference to missing document "author-nobody"')
  })

  it('names an image field whose file is not in images/', () => {
    expect(result.out).toContain(`article-pricing-power mainImage: image file images/${'0'.repeat(40)}-1200x675.png is missing`)
  })

  it('names an image file whose name claims other dimensions', () => {
    expect(result.out).toMatch(
      /^article-strategy-in-the-fog mainImage: image file images\/[a-f0-9]{40}-1200x600\.png is 1200x675, not 1200x600 as its name says$/m,
    )
  })

  it('refuses what export never writes: asset documents and image asset references', () => {
    expect(result.out).toMatch(/^image-[a-f0-9]{40}-600x600-png \(document\): asset document in the file/m)
    expect(result.out).toMatch(/^author-amara-okafor photo: image field holds an asset reference/m)
  })

  it('reports nothing about the documents left intact', () => {
    expect(result.out).not.toMatch(/^article-shifting-position-of-leadership /m)
    expect(result.out).not.toMatch(/^siteSettings /m)
  })
})

describe('sample dataset contents', () => {
  it('has the documents the site needs', () => {
    expect(published('article').length).toBeGreaterThanOrEqual(12)
    expect(published('topic').length).toBeGreaterThanOrEqual(4)
    expect(published('author')).toHaveLength(5)
    expect(published('researchHubLink')).toHaveLength(4)
    const settings = get('siteSettings')
    expect(settings._type).toBe('siteSettings')
    expect(settings.title).toBe('Insights')
    expect(settings.latestResearch.heading).toBe('Discover our latest research')
    expect(settings.navigation.map((item: Doc) => item.href)).toEqual(expect.arrayContaining(['/insights', '/research']))
  })

  it('carries the seed article with its facts', async () => {
    const seed = get(SEED_ID)
    expect(seed.title).toBe('The shifting position of leadership in a time of digital disruption')
    expect(seed.slug.current).toBe('shifting-position-of-leadership-digital-disruption')
    expect(seed.standfirst).toBe('How to “lead from behind”')
    expect(seed.publishedAt).toBe('2018-08-14T09:00:00Z')
    expect(seed.body.some((node: Doc) => node._type === 'pullQuote')).toBe(true)
    expect(seed.body.some((node: Doc) => node.style === 'h2')).toBe(true)
    expect(seed.relatedArticles.length).toBeGreaterThanOrEqual(2)

    const [author] = seed.authors.map((r: Doc) => get(r._ref))
    expect(author).toMatchObject({
      name: 'Jennifer Jordan',
      slug: { current: 'jennifer-jordan' },
      role: 'Professor of Leadership and Organizational Behavior',
      affiliation: 'IMD',
    })
    expect(author.bio[0].children.map((s: Doc) => s.text).join('')).toMatch(
      /^Jennifer Jordan is Professor of Leadership and Organizational Behavior at IMD\./,
    )
    const hub = get(seed.researchLinks[0]._ref)
    expect(hub).toMatchObject({
      title: 'Research Information & Knowledge Hub',
      description: 'for additional information on IMD publications',
      kind: 'hub',
      url: 'https://www.imd.org/research-knowledge/',
    })

    // Reading time as the site computes it: words of pt::text(body) / 200, rounded.
    const plain = seed.body
      .filter((node: Doc) => node._type === 'block')
      .map((node: Doc) => node.children.map((span: Doc) => span.text).join(''))
      .join('\n\n')
    const words = plain.split(/\s+/).filter(Boolean).length
    expect(words).toBeGreaterThanOrEqual(560)
    expect(words).toBeLessThanOrEqual(620)
    expect(Math.max(1, Math.round(words / 200))).toBe(3)
    const tree = parse('length(string::split(pt::text(*[_id == $id][0].body), " "))', { params: { id: SEED_ID } })
    const groqWords = await (await evaluate(tree, { dataset: docs, params: { id: SEED_ID } })).get()
    expect(Math.max(1, Math.round(groqWords / 200))).toBe(3)
  })

  it('has an article that exists only as a draft', () => {
    const draftOnly = docs.filter(
      (doc) => doc._type === 'article' && doc._id.startsWith('drafts.') && !byId.has(doc._id.slice('drafts.'.length)),
    )
    expect(draftOnly.map((doc) => doc._id)).toEqual(['drafts.article-managers-in-the-middle'])
  })

  it('has a published article with a pending draft edit', () => {
    const pairs = docs.filter(
      (doc) => doc._type === 'article' && doc._id.startsWith('drafts.') && byId.has(doc._id.slice('drafts.'.length)),
    )
    expect(pairs).toHaveLength(1)
    const draft = pairs[0] as Doc
    const live = get(draft._id.slice('drafts.'.length))
    expect(draft.title).not.toBe(live.title)
    expect(draft.standfirst).not.toBe(live.standfirst)
    expect(draft.slug.current).toBe(live.slug.current)
  })

  it('is in export format: no asset documents, image fields hold _sanityAsset and no asset reference', () => {
    expect(docs.filter((doc) => /^sanity\.[a-zA-Z]+Asset$/.test(doc._type))).toEqual([])
    const text = readFileSync(DATASET, 'utf8')
    expect(text).not.toMatch(/"_ref":"image-/)
    expect(text).not.toContain('"asset":')
  })

  it('has every image file, with the sha1 and dimensions its name claims', async () => {
    const values = new Set(
      readFileSync(DATASET, 'utf8')
        .match(/"_sanityAsset":"[^"]*"/g)
        ?.map((m) => JSON.parse(m.slice('"_sanityAsset":'.length)) as string),
    )
    expect(values.size).toBeGreaterThanOrEqual(3)
    for (const value of values) {
      const [, sha1, width, height] = /^image@file:\/\/\.\/images\/([a-f0-9]{40})-(\d+)x(\d+)\.png$/.exec(value) ?? []
      expect({ value, sha1: Boolean(sha1) }).toEqual({ value, sha1: true })
      const file = join(IMAGES, `${sha1}-${width}x${height}.png`)
      expect(existsSync(file)).toBe(true)
      const bytes = readFileSync(file)
      expect(createHash('sha1').update(bytes).digest('hex')).toBe(sha1)
      expect(bytes.length).toBeLessThan(60 * 1024)
      const meta = await sharp(bytes).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['png', Number(width), Number(height)])
    }
  })

  it('uses images as main images, author photos and in a body', () => {
    const articles = published('article')
    expect(articles.filter((a) => a.mainImage?._sanityAsset).length).toBeGreaterThan(articles.length / 2)
    expect(published('author').every((a) => a.photo?._sanityAsset && a.photo.alt)).toBe(true)
    expect(articles.some((a) => a.body.some((node: Doc) => node._type === 'bodyImage' && node._sanityAsset && node.alt))).toBe(true)
  })
})
