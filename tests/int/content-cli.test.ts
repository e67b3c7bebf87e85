/**
 * `npm run content` as an editor runs it: the CLI in a child process against a lake on a free
 * port serving a temp copy of the sample dataset, checked through @sanity/client. Commands that
 * validate load `sanity` (seconds each), hence the long timeouts.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SanityClient } from '@sanity/client'

import { importExportedDocuments, parseNdjson, startLake, toNdjson } from '@/lake'

import { datasetWith, SAMPLE_DATASET, startTestLake, type RunningLake, lakeClient } from '../helpers/lake'

const ROOT = join(__dirname, '..', '..')
const SLOW = 180_000

type Run = { code: number | null; stdout: string; stderr: string }

/** The CLI as `npm run content -- ...` runs it, against the lake at `lakeUrl`. */
function content(lakeUrl: string, ...args: string[]): Promise<Run> {
  const env = { ...process.env, SANITY_LAKE_URL: lakeUrl, NEXT_PUBLIC_SANITY_PROJECT_ID: '', SANITY_API_WRITE_TOKEN: '' }
  // Async, not spawnSync: the lake answering the CLI runs in this process.
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/content/cli.ts', ...args], { cwd: ROOT, env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

/** A failure as the CLI promises it: exit 1, one line on stderr, no stack trace. */
function expectOneLineError(run: Run, message: RegExp): void {
  expect({ code: run.code, lines: run.stderr.trim().split('\n').length }).toEqual({ code: 1, lines: 1 })
  expect(run.stderr).toMatch(message)
  expect(run.stderr).not.toMatch(/^\s+at /m)
}

const clientFor = (url: string) => lakeClient(url, { perspective: 'raw' })

/** An article the schema accepts, by an author and under a topic of the sample dataset. */
const commandLineArticle = {
  _id: 'article-from-the-command-line',
  _type: 'article',
  title: 'Written from the command line',
  standfirst: 'Publishing without the Studio',
  publishedAt: '2026-05-01T09:00:00Z',
  slug: { _type: 'slug', current: 'written-from-the-command-line' },
  authors: [{ _key: 'author1', _type: 'reference', _ref: 'author-jennifer-jordan' }],
  topics: [{ _key: 'topic1', _type: 'reference', _ref: 'topic-leadership' }],
  body: [
    {
      _key: 'block1',
      _type: 'block',
      style: 'normal',
      markDefs: [],
      children: [{ _key: 'span1', _type: 'span', text: 'Scripts can publish too.', marks: [] }],
    },
  ],
}

const sampleArticles = parseNdjson(readFileSync(SAMPLE_DATASET, 'utf8'), SAMPLE_DATASET).filter((doc) => doc._type === 'article')

let lake: RunningLake
let client: SanityClient
let dir: string

beforeAll(async () => {
  lake = await startTestLake(datasetWith([]))
  client = clientFor(lake.url)
  dir = mkdtempSync(join(tmpdir(), 'content-cli-'))
})

afterAll(async () => {
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

const writeJson = (name: string, value: unknown) => {
  const file = join(dir, name)
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2))
  return file
}

describe('publish', () => {
  it(
    'creates a valid article, visible through @sanity/client',
    async () => {
      const run = await content(lake.url, 'publish', writeJson('article.json', commandLineArticle))
      expect(run).toMatchObject({ code: 0, stdout: 'created article-from-the-command-line\n' })
      expect(await client.getDocument(commandLineArticle._id)).toMatchObject({
        title: 'Written from the command line',
        slug: commandLineArticle.slug,
      })
    },
    SLOW,
  )

  it(
    'refuses an article without its required standfirst, names the field and writes nothing',
    async () => {
      const { standfirst, ...noStandfirst } = {
        ...commandLineArticle,
        _id: 'article-without-standfirst',
        slug: { _type: 'slug', current: 'without-standfirst' },
      }
      expect(standfirst).toBeDefined()
      const run = await content(lake.url, 'publish', writeJson('no-standfirst.json', noStandfirst))
      expectOneLineError(run, /^Not published.*article-without-standfirst standfirst: Write a standfirst.*nothing was written/)
      expect(await client.getDocument('article-without-standfirst')).toBeUndefined()
    },
    SLOW,
  )

  it(
    'publishes the documents of an NDJSON file in one transaction, or none when one is invalid',
    async () => {
      const good = { ...commandLineArticle, _id: 'article-batch-good', slug: { _type: 'slug', current: 'batch-good' } }
      const dangling = {
        ...good,
        _id: 'article-batch-dangling',
        slug: { _type: 'slug', current: 'batch-dangling' },
        authors: [{ _key: 'a', _type: 'reference', _ref: 'author-nobody' }],
      }
      const run = await content(lake.url, 'publish', writeJson('batch.ndjson', `${JSON.stringify(good)}\n${JSON.stringify(dangling)}\n`))
      expectOneLineError(run, /article-batch-dangling authors\[_key=="a"\]: reference to missing document "author-nobody"/)
      expect(await client.getDocuments(['article-batch-good', 'article-batch-dangling'])).toEqual([null, null])
    },
    SLOW,
  )

  it('refuses a file that is not JSON', async () => {
    const run = await content(lake.url, 'publish', writeJson('broken.json', '{"_id": "article-broken", "_type": '))
    expectOneLineError(run, /broken\.json is not valid JSON/)
    expect(await client.getDocument('article-broken')).toBeUndefined()
  })
})

describe('set', () => {
  const id = 'article-shifting-position-of-leadership'

  it(
    'changes a title',
    async () => {
      const run = await content(lake.url, 'set', id, 'title', '"Leading from behind"')
      expect(run).toMatchObject({ code: 0, stdout: `set title on ${id}\n` })
      expect(await client.getDocument(id)).toMatchObject({ title: 'Leading from behind' })
    },
    SLOW,
  )

  it(
    'refuses a value the schema does not accept, checking the document as it would be',
    async () => {
      const before = await client.getDocument(id)
      const run = await content(lake.url, 'set', id, 'authors[0]._ref', '"author-nobody"')
      expectOneLineError(run, /^Not changed.*reference to missing document "author-nobody"/)
      expect(await client.getDocument(id)).toEqual(before)
    },
    SLOW,
  )

  it('says there is no document with an unknown id', async () => {
    expectOneLineError(await content(lake.url, 'set', 'article-nope', 'title', '"x"'), /^No document "article-nope"/)
  })

  it('refuses a value that is not JSON', async () => {
    const before = await client.getDocument(id)
    expectOneLineError(await content(lake.url, 'set', id, 'title', 'Unquoted title'), /not valid JSON.*'"New title"'/)
    expect(await client.getDocument(id)).toEqual(before)
  })
})

describe('unpublish and delete', () => {
  it('unpublish removes the published document and keeps its content as a draft', async () => {
    const published = await client.getDocument('article-from-the-command-line')
    expect(published).toBeDefined()
    const run = await content(lake.url, 'unpublish', 'article-from-the-command-line')
    expect(run.code).toBe(0)
    const [gone, draft] = await client.getDocuments(['article-from-the-command-line', 'drafts.article-from-the-command-line'])
    expect(gone).toBeNull()
    expect(draft).toMatchObject({ title: published!.title, body: published!.body, authors: published!.authors })
  })

  it('delete removes the published document and its draft', async () => {
    const id = 'article-to-delete'
    const article = { ...commandLineArticle, _id: id, slug: { _type: 'slug', current: 'to-delete' } }
    await client
      .transaction()
      .createOrReplace(article)
      .createOrReplace({ ...article, _id: `drafts.${id}`, title: 'Edited' })
      .commit()
    const run = await content(lake.url, 'delete', id)
    expect(run).toMatchObject({ code: 0, stdout: `deleted ${id} and drafts.${id}\n` })
    expect(await client.getDocuments([id, `drafts.${id}`])).toEqual([null, null])
  })

  it('refuses to delete a document others reference, naming them', async () => {
    expectOneLineError(await content(lake.url, 'delete', 'topic-finance'), /^Cannot delete "topic-finance": .*article-capital-allocation/)
    expect(await client.getDocument('topic-finance')).toBeDefined()
  })

  it('says there is no document with an unknown id', async () => {
    expectOneLineError(await content(lake.url, 'delete', 'article-nope'), /^No document "article-nope"/)
    expectOneLineError(await content(lake.url, 'unpublish', 'article-nope'), /^No published document "article-nope"/)
  })
})

describe('list, usage and an unreachable backend', () => {
  it('lists the sample articles with title and slug, drafts marked', async () => {
    const run = await content(lake.url, 'list', 'article')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    for (const article of sampleArticles) {
      const id = article._id.startsWith('drafts.') ? `${article._id} (draft)` : article._id
      const line = lines.find((l) => l.startsWith(`${id} `))
      expect({ id, line }).toEqual({ id, line: expect.stringContaining((article.slug as { current: string }).current) })
    }
    expect(run.stdout).not.toMatch(/^(topic|author)-/m)
  })

  it('prints the usage for an unknown command', async () => {
    const run = await content(lake.url, 'frobnicate')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^Unknown command "frobnicate"/)
    expect(run.stderr).toMatch(/usage: npm run content -- <command>/)
  })

  it('says when the backend cannot be reached and how to start it', async () => {
    expectOneLineError(
      await content('http://127.0.0.1:9', 'list'),
      /^Cannot reach the content backend at http:\/\/127\.0\.0\.1:9 .*npm run lake/,
    )
  })
})

describe('export and import', () => {
  // The backend stamps these on every write; the rest of each document must survive the trip.
  const withoutSystemFields = (docs: Array<Record<string, unknown>>) =>
    docs.map((doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => !['_rev', '_createdAt', '_updatedAt'].includes(key))))
  const CONTENT_QUERY = '*[_type != "sanity.imageAsset"] | order(_id)'
  const ASSETS_QUERY = '*[_type == "sanity.imageAsset"] | order(_id) {_id, sha1hash, size, metadata}'
  let exportDir = ''

  beforeAll(async () => {
    exportDir = join(dir, 'export')
    const run = await content(lake.url, 'export', exportDir)
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^exported \d+ documents and \d+ image files/) })
  }, SLOW)

  it(
    'writes a dataset that passes content:validate',
    async () => {
      const run = await new Promise<Run>((resolve) => {
        const child = spawn(
          join(ROOT, 'node_modules', '.bin', 'tsx'),
          ['scripts/validate-content.ts', '--dataset', join(exportDir, 'data.ndjson')],
          { cwd: ROOT },
        )
        let stdout = ''
        child.stdout.on('data', (chunk) => (stdout += chunk))
        child.on('close', (code) => resolve({ code, stdout, stderr: '' }))
      })
      expect(run.stdout).toMatch(/ documents \(5 types, 18 image files\) in .*: 0 errors, 0 warnings/)
      expect(run.code).toBe(0)
    },
    SLOW,
  )

  it(
    'imports into a fresh lake that holds the image files, giving identical documents',
    async () => {
      // A fresh dataset with only the image assets, as a project has them once uploaded.
      const freshDir = mkdtempSync(join(tmpdir(), 'content-cli-fresh-'))
      symlinkSync(join(exportDir, 'images'), join(freshDir, 'images'))
      const exported = parseNdjson(readFileSync(join(exportDir, 'data.ndjson'), 'utf8'), 'export')
      const assets = importExportedDocuments(exported, { datasetDir: exportDir }).filter((doc) => doc._type === 'sanity.imageAsset')
      writeFileSync(join(freshDir, 'data.ndjson'), toNdjson(assets))
      const fresh = await startLake({ token: null, port: 0, datasets: { production: join(freshDir, 'data.ndjson') } })
      try {
        const run = await content(fresh.url, 'import', exportDir)
        expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^imported (\d+) of \1 documents/) })
        const freshClient = clientFor(fresh.url)
        expect(withoutSystemFields(await freshClient.fetch(CONTENT_QUERY))).toEqual(withoutSystemFields(await client.fetch(CONTENT_QUERY)))
        expect(await freshClient.fetch(ASSETS_QUERY)).toEqual(await client.fetch(ASSETS_QUERY))
      } finally {
        await fresh.close()
        rmSync(freshDir, { recursive: true, force: true })
      }
    },
    SLOW,
  )

  it(
    "into an empty lake: uploads every image file through the lake's upload endpoint and imports every document",
    async () => {
      const emptyDir = mkdtempSync(join(tmpdir(), 'content-cli-empty-'))
      writeFileSync(join(emptyDir, 'data.ndjson'), '')
      const empty = await startLake({ token: null, port: 0, datasets: { production: join(emptyDir, 'data.ndjson') } })
      try {
        const run = await content(empty.url, 'import', exportDir)
        expect(run.stderr).not.toMatch(/not uploaded|not imported/)
        expect(run.code).toBe(0)
        const emptyClient = clientFor(empty.url)
        expect(withoutSystemFields(await emptyClient.fetch(CONTENT_QUERY))).toEqual(withoutSystemFields(await client.fetch(CONTENT_QUERY)))
        // Each image is now a file beside the new dataset, stored once by its content hash.
        const files = readdirSync(join(emptyDir, 'images')).sort()
        expect(files).toEqual(readdirSync(join(exportDir, 'images')).sort())
      } finally {
        await empty.close()
        rmSync(emptyDir, { recursive: true, force: true })
      }
    },
    SLOW,
  )
})
