/**
 * Run by schema.test.ts under tsx (see harness.ts). What an editor sees of the schema: previews,
 * initial values, field groups, the slug's Generate, and the validation messages, the last run
 * through Sanity's own validateDocument (scripts/content/validate.ts, as `npm run content:validate`).
 */
import assert from 'node:assert/strict'

import { resolveInitialValue, type ObjectSchemaType, type SanityDocument, type Template } from 'sanity'

import { loadSchema, inMemoryDataset, validateDocuments } from '../../../scripts/content/validate'
import { article } from '../../../sanity/schemaTypes/documents/article'
import { author } from '../../../sanity/schemaTypes/documents/author'
import { researchHubLink } from '../../../sanity/schemaTypes/documents/researchHubLink'
import { topic } from '../../../sanity/schemaTypes/documents/topic'
import { slugify } from '../../../sanity/schemaTypes/objects/slug'
import { schemaTypes } from '../../../sanity/schemaTypes'
import { runChecks } from './harness'
import { studioSource } from './studio-source'

type Preview = { select?: Record<string, string>; prepare?: (value: Record<string, unknown>) => Record<string, unknown> }
const prepare = (type: { preview?: unknown }, value: Record<string, unknown>) => (type.preview as Preview).prepare!(value)

// A small dataset that passes every rule; each validation check breaks one thing in a copy of it.
const ASSET = 'image-0123456789abcdef0123456789abcdef01234567-1200x675-png'
const image = { _type: 'image', asset: { _type: 'reference', _ref: ASSET }, alt: 'An empty boardroom' }
const base = [
  { _id: ASSET, _type: 'sanity.imageAsset' },
  {
    _id: 'author-jordan',
    _type: 'author',
    name: 'Jennifer Jordan',
    slug: { _type: 'slug', current: 'jennifer-jordan' },
    role: 'Professor of Leadership',
  },
  { _id: 'topic-strategy', _type: 'topic', title: 'Strategy', slug: { _type: 'slug', current: 'strategy' } },
  { _id: 'research-hub', _type: 'researchHubLink', title: 'Research hub', url: 'https://www.imd.org/research/', kind: 'hub' },
  {
    _id: 'article-boards',
    _type: 'article',
    title: 'Boards that learn',
    slug: { _type: 'slug', current: 'boards-that-learn' },
    standfirst: 'What the best boards read, and why.',
    publishedAt: '2025-03-03T09:00:00.000Z',
    featured: false,
    authors: [{ _key: 'a1', _type: 'reference', _ref: 'author-jordan' }],
    topics: [{ _key: 't1', _type: 'reference', _ref: 'topic-strategy' }],
    mainImage: image,
    body: [
      {
        _key: 'b1',
        _type: 'block',
        style: 'normal',
        markDefs: [],
        children: [{ _key: 's1', _type: 'span', marks: [], text: 'Boards learn.' }],
      },
    ],
  },
] as unknown as SanityDocument[]

/** The problems `npm run content:validate` would print for the base dataset with `change` applied to one document. */
async function problemsWith(id: string, change: (doc: Record<string, unknown>) => void, extra: SanityDocument[] = []) {
  const docs = structuredClone(base).map((doc) => {
    if (doc._id === id) change(doc)
    return doc
  })
  const all = [...docs, ...extra]
  const problems = await validateDocuments(all, { dataset: inMemoryDataset(all) })
  return problems.map((p) => `${p.docId} ${p.path}: ${p.level === 'error' ? '' : `${p.level}: `}${p.message}`)
}

async function main() {
  loadSchema()
  await runChecks([
    [
      'the base dataset of these checks is valid (so each check below fails for its own reason)',
      async () => assert.deepEqual(await problemsWith('none', () => {}), []),
    ],
    [
      'an article without a title, with too long a standfirst, no author, and a main image without alternative text: each named in words',
      async () => {
        const problems = await problemsWith('article-boards', (doc) => {
          delete doc.title
          doc.standfirst = 'x'.repeat(301)
          doc.authors = []
          doc.mainImage = { ...image, alt: ' ' }
        })
        assert.deepEqual(problems, [
          'article-boards authors: Add at least one author',
          'article-boards mainImage.alt: Images need alternative text for readers who cannot see them',
          'article-boards standfirst: The standfirst is at most 300 characters – shorten it',
          'article-boards title: Every article needs a title',
        ])
      },
    ],
    [
      'a standfirst of exactly 300 characters and a title of 120 pass (same limits as before)',
      async () =>
        assert.deepEqual(
          await problemsWith('article-boards', (doc) => {
            doc.standfirst = 'x'.repeat(300)
            doc.title = 'x'.repeat(120)
          }),
          [],
        ),
    ],
    [
      "an article's old slugs: kept when they are slugs; the current slug, a non-slug or a repeat is named",
      async () => {
        assert.deepEqual(await problemsWith('article-boards', (doc) => (doc.previousSlugs = ['boards-learn', 'learning-boards'])), [])
        assert.deepEqual(await problemsWith('article-boards', (doc) => (doc.previousSlugs = ['Boards Learn'])), [
          'article-boards previousSlugs: "Boards Learn" is not a slug: lower-case letters, digits and hyphens, as Generate makes them',
        ])
        assert.deepEqual(await problemsWith('article-boards', (doc) => (doc.previousSlugs = ['boards-that-learn'])), [
          'article-boards previousSlugs: "boards-that-learn" is the current slug: remove it from the old ones',
        ])
        const repeated = await problemsWith('article-boards', (doc) => (doc.previousSlugs = ['boards-learn', 'boards-learn']))
        assert.ok(
          repeated.some((p) => p.includes('Each old slug once')),
          repeated.join('\n'),
        )
      },
    ],
    [
      'links must start with http:// or https://',
      async () => {
        assert.deepEqual(
          await problemsWith('research-hub', (doc) => {
            doc.url = 'ftp://example.org/report'
          }),
          ['research-hub url: A research link needs a web address that starts with http:// or https://'],
        )
        assert.deepEqual(
          await problemsWith('author-jordan', (doc) => {
            doc.links = [{ _key: 'l1', _type: 'profileLink', label: 'Site', url: 'javascript:alert(1)' }]
          }),
          ['author-jordan links[_key=="l1"].url: A profile link needs a web address that starts with http:// or https://'],
        )
      },
    ],
    [
      'a missing slug asks for one in words; a slug another article uses gets Sanity’s "already in use", not that message',
      async () => {
        assert.deepEqual(
          await problemsWith('article-boards', (doc) => {
            delete doc.slug
          }),
          ['article-boards slug: Give the article a slug (its web address): use Generate to make one from the title'],
        )
        const twin = { ...structuredClone(base[4]), _id: 'article-twin' } as SanityDocument
        const problems = await problemsWith('none', () => {}, [twin])
        assert.equal(problems.length, 2, problems.join('\n'))
        for (const problem of problems) assert.match(problem, /^article-(boards|twin) slug: Slug is already in use$/)
        // A topic's slug is checked among topics only, with its own words.
        assert.deepEqual(
          await problemsWith('topic-strategy', (doc) => {
            delete doc.slug
          }),
          ['topic-strategy slug: Give the topic a slug (its page’s address): use Generate to make one from the name'],
        )
      },
    ],
    [
      'Generate makes the slug from the title: lower case, accents stripped, at most 96 characters; unique among its type',
      async () => {
        const schema = loadSchema()
        const slugOptions = (type: string) =>
          (schema.get(type) as ObjectSchemaType).fields.find((field) => field.name === 'slug')?.type.options as Record<string, unknown>
        for (const type of [article.name, topic.name]) {
          assert.equal(slugOptions(type).source, 'title')
          assert.equal(slugOptions(type).maxLength, 96)
          assert.equal(slugOptions(type).slugify, slugify)
        }
        assert.equal(slugOptions(author.name).source, 'name')
        assert.equal(slugify('Café Società: Ünïcode Strategy, 2025!'), 'cafe-societa-unicode-strategy-2025')
        assert.equal(slugify('  Why “lead from behind” works — Øresund & Straße  '), 'why-lead-from-behind-works-oresund-strasse')
        assert.equal(slugify('领导力 与 战略'), '领导力-与-战略')
        assert.equal(slugify('नेतृत्व की कला'), 'नेतृत्व-की-कला')
        const long = slugify(`${'word '.repeat(40)}end`)
        assert.ok(long.length <= 96 && !long.endsWith('-'), long)
      },
    ],
    [
      'article preview: the title, "first author · 3 March 2025" and the main image',
      () => {
        assert.deepEqual(
          prepare(article, { title: 'Boards that learn', author: 'Jennifer Jordan', publishedAt: '2025-03-03T09:00:00Z', media: image }),
          { title: 'Boards that learn', subtitle: 'Jennifer Jordan · 3 March 2025', media: image },
        )
        assert.deepEqual((article.preview as Preview).select, {
          title: 'title',
          author: 'authors.0.name',
          publishedAt: 'publishedAt',
          media: 'mainImage',
        })
        const draft = prepare(article, { title: '', publishedAt: 'not a date' })
        assert.equal(draft.title, 'Untitled article')
        assert.equal(draft.subtitle, 'No publication date')
      },
    ],
    [
      'author, topic and research link previews: name, role, photo; title and description; title, kind and address',
      () => {
        assert.deepEqual((author.preview as Preview).select, { title: 'name', subtitle: 'role', media: 'photo' })
        assert.deepEqual(prepare(author, { title: 'Jennifer Jordan', subtitle: 'Professor', media: image }), {
          title: 'Jennifer Jordan',
          subtitle: 'Professor',
          media: image,
        })
        assert.deepEqual((topic.preview as Preview).select, { title: 'title', subtitle: 'description' })
        assert.equal(prepare(topic, { title: 'Strategy', subtitle: 'Where to play' }).subtitle, 'Where to play')
        assert.deepEqual((researchHubLink.preview as Preview).select, { title: 'title', kind: 'kind', url: 'url' })
        assert.equal(
          prepare(researchHubLink, { title: 'Boards', kind: 'caseStudy', url: 'https://www.imd.org/x' }).subtitle,
          'Case study · https://www.imd.org/x',
        )
      },
    ],
    [
      'a new article starts published now and not featured; a new research link is a research hub (as the Studio resolves them)',
      async () => {
        const source = await studioSource()
        const template = (id: string) => source.templates.find((t: Template) => t.id === id)!
        const context = { ...source, schema: source.schema } as never
        // resolveInitialValue yields through `window.scheduler` when there is one; Node has no window.
        const node = globalThis as { window?: unknown }
        node.window = {}
        try {
          const before = Date.now()
          const fresh = await resolveInitialValue(source.schema, template('article'), {}, context)
          assert.equal(fresh.featured, false)
          assert.ok(Date.parse(fresh.publishedAt) >= before - 1000 && Date.parse(fresh.publishedAt) <= Date.now() + 1000, fresh.publishedAt)
          assert.equal((await resolveInitialValue(source.schema, template('researchHubLink'), {}, context)).kind, 'hub')
          assert.equal((await resolveInitialValue(source.schema, template('author'), {}, context)).affiliation, 'IMD')
        } finally {
          delete node.window
        }
      },
    ],
    [
      'article fields are grouped: content (default), relations and seo; every field in a declared group, seo in seo',
      () => {
        const groups = article.groups ?? []
        assert.deepEqual(
          groups.map((g) => [g.name, Boolean(g.default)]),
          [
            ['content', true],
            ['relations', false],
            ['seo', false],
          ],
        )
        const names = new Set(groups.map((g) => g.name))
        for (const field of article.fields) {
          const fieldGroups = ([] as string[]).concat((field as { group?: string | string[] }).group ?? [])
          assert.ok(fieldGroups.length > 0 && fieldGroups.every((g) => names.has(g)), `${field.name} in ${fieldGroups.join(', ')}`)
        }
        const groupOf = (name: string) =>
          ([] as string[]).concat((article.fields.find((f) => f.name === name) as { group: string | string[] }).group)
        assert.deepEqual(groupOf('seo'), ['seo'])
        assert.ok(
          groupOf('slug').includes('seo') && groupOf('authors').includes('content') && groupOf('relatedArticles').includes('relations'),
        )
      },
    ],
    [
      'field names are those of sanity/README.md (the stored shape the dataset and the site’s queries rely on), and every document type has an icon',
      () => {
        const fieldsOf = (name: string) =>
          (schemaTypes.find((t) => t.name === name) as { fields: { name: string }[] }).fields.map((f) => f.name)
        assert.deepEqual(fieldsOf('article'), [
          'title',
          'slug',
          'standfirst',
          'publishedAt',
          'featured',
          'authors',
          'topics',
          'mainImage',
          'body',
          'researchLinks',
          'relatedArticles',
          'seo',
          'previousSlugs',
        ])
        assert.deepEqual(fieldsOf('author'), ['name', 'slug', 'role', 'affiliation', 'bio', 'photo', 'links'])
        assert.deepEqual(fieldsOf('researchHubLink'), ['title', 'description', 'url', 'kind'])
        assert.deepEqual(fieldsOf('topic'), ['title', 'slug', 'description'])
        assert.deepEqual(fieldsOf('siteSettings'), ['title', 'description', 'latestResearch', 'navigation', 'footer'])
        for (const type of schemaTypes.filter((t) => t.type === 'document'))
          assert.ok((type as { icon?: unknown }).icon, `${type.name} has an icon`)
      },
    ],
  ])
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(2)
})
