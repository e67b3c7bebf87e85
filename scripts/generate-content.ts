/**
 * Writes a synthetic dataset in Sanity's export format (DIR/data.ndjson) shaped like the content
 * model in sanity/README.md: N articles with proportional authors, topics and research links, and
 * the siteSettings singleton. A seeded PRNG and fixed dates make the same N byte-identical.
 *
 *   npm run content:generate -- --articles 1000 --out /tmp/lake-1k
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

type Doc = { _id: string; _type: string; [key: string]: unknown }

/** mulberry32: small, fast, and the same sequence on every platform. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const key = () => Array.from({ length: 12 }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('')
  const sample = <T>(list: readonly T[], n: number): T[] => {
    const pool = [...list]
    const out: T[] = []
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!)
    return out
  }
  return { next, int, pick, key, sample }
}

const WORDS = (
  'leadership strategy organization team culture change innovation decision growth market customer ' +
  'value digital transformation resilience learning talent performance purpose sustainability risk ' +
  'negotiation family business board governance agility data platform ecosystem trust execution ' +
  'capability insight research evidence practice manager executive company industry future ' +
  'the a of and to in for with on that how why what when leaders teams firms boards people'
).split(' ')
const FIRST = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kenji',
  'Lara',
  'Marc',
  'Nadia',
  'Omar',
  'Paula',
]
const LAST = ['Meyer', 'Okafor', 'Rossi', 'Lindqvist', 'Tanaka', 'Dubois', 'García', 'Novak', 'Singh', 'Keller', 'Haddad', 'Moreau']
const ROLES = [
  'Professor of Leadership and Organizational Behavior',
  'Professor of Strategy',
  'Professor of Finance',
  'Research Fellow',
  'Professor of Innovation',
]
const KINDS = ['hub', 'publication', 'caseStudy', 'report', 'book', 'podcast'] as const
const TOPICS = [
  'Leadership',
  'Strategy',
  'Innovation',
  'Digital',
  'Sustainability',
  'Finance',
  'Family Business',
  'Governance',
  'Talent',
  'Marketing',
  'Operations',
  'Negotiation',
]

const BASE_TIME = Date.UTC(2021, 0, 4, 8, 0, 0)
const HOUR = 3_600_000

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const iso = (ms: number) => new Date(ms).toISOString()

export function generateContent(articles: number, seed = 20250219): Doc[] {
  const r = prng(seed + articles)
  const sentence = (min: number, max: number) => capital(Array.from({ length: r.int(min, max) }, () => r.pick(WORDS)).join(' ')) + '.'
  const ref = (_ref: string) => ({ _type: 'reference', _ref, _key: r.key() })
  const system = (i: number) => ({
    _createdAt: iso(BASE_TIME + i * HOUR),
    _updatedAt: iso(BASE_TIME + i * HOUR + HOUR),
    _rev: `rev-${r.key()}`,
  })

  const nAuthors = Math.max(3, Math.ceil(articles / 20))
  const nTopics = Math.max(4, Math.min(TOPICS.length * 4, Math.ceil(articles / 50)))
  const nLinks = Math.max(3, Math.ceil(articles / 10))

  const authors: Doc[] = Array.from({ length: nAuthors }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`
    return {
      _id: `author-${i + 1}`,
      _type: 'author',
      ...system(i),
      name,
      slug: { _type: 'slug', current: slugify(name) },
      role: r.pick(ROLES),
      affiliation: 'IMD',
      bio: [
        {
          _type: 'block',
          _key: r.key(),
          style: 'normal',
          markDefs: [],
          children: [{ _type: 'span', _key: r.key(), text: sentence(12, 30), marks: [] }],
        },
      ],
    }
  })
  const topics: Doc[] = Array.from({ length: nTopics }, (_, i) => {
    const title = TOPICS[i % TOPICS.length]! + (i >= TOPICS.length ? ` ${Math.floor(i / TOPICS.length) + 1}` : '')
    return {
      _id: `topic-${i + 1}`,
      _type: 'topic',
      ...system(i),
      title,
      slug: { _type: 'slug', current: slugify(title) },
      description: sentence(8, 16),
    }
  })
  const links: Doc[] = Array.from({ length: nLinks }, (_, i) => ({
    _id: `research-${i + 1}`,
    _type: 'researchHubLink',
    ...system(i),
    title: capital(sentence(3, 7).slice(0, -1)),
    description: sentence(10, 20),
    url: `https://www.imd.org/research/${i + 1}`,
    kind: r.pick(KINDS),
  }))

  const body = () => {
    const blocks: unknown[] = []
    const sections = r.int(1, 6)
    for (let s = 0; s < sections; s++) {
      if (s > 0)
        blocks.push({
          _type: 'block',
          _key: r.key(),
          style: 'h2',
          markDefs: [],
          children: [{ _type: 'span', _key: r.key(), text: sentence(3, 7).slice(0, -1), marks: [] }],
        })
      for (let p = r.int(1, 4); p > 0; p--) {
        const linkKey = r.key()
        const withLink = r.next() < 0.3
        blocks.push({
          _type: 'block',
          _key: r.key(),
          style: 'normal',
          markDefs: withLink ? [{ _type: 'link', _key: linkKey, href: `https://www.imd.org/ideas/${r.int(1, 999)}` }] : [],
          children: [
            { _type: 'span', _key: r.key(), text: Array.from({ length: r.int(2, 5) }, () => sentence(8, 22)).join(' ') + ' ', marks: [] },
            { _type: 'span', _key: r.key(), text: sentence(3, 8), marks: withLink ? [linkKey] : r.next() < 0.3 ? ['strong'] : [] },
          ],
        })
      }
      if (r.next() < 0.4) {
        const listItem = r.pick(['bullet', 'number'])
        for (let li = r.int(2, 5); li > 0; li--) {
          blocks.push({
            _type: 'block',
            _key: r.key(),
            style: 'normal',
            listItem,
            level: 1,
            markDefs: [],
            children: [{ _type: 'span', _key: r.key(), text: sentence(4, 12), marks: [] }],
          })
        }
      }
    }
    return blocks
  }

  const usedSlugs = new Set<string>()
  const articleDocs: Doc[] = Array.from({ length: articles }, (_, i) => {
    const title = capital(sentence(4, 10).slice(0, -1))
    let slug = slugify(title)
    if (usedSlugs.has(slug)) slug = `${slug}-${i + 1}`
    usedSlugs.add(slug)
    const published = BASE_TIME + r.int(0, 4 * 365 * 24) * HOUR
    return {
      _id: `article-${i + 1}`,
      _type: 'article',
      ...system(i),
      title,
      slug: { _type: 'slug', current: slug },
      standfirst: sentence(15, 35),
      publishedAt: iso(published),
      featured: r.next() < 0.05,
      authors: r.sample(authors, r.int(1, 3)).map((a) => ref(a._id)),
      topics: r.sample(topics, r.int(1, 3)).map((t) => ref(t._id)),
      body: body(),
      researchLinks: r.sample(links, r.int(0, 3)).map((l) => ref(l._id)),
      relatedArticles:
        articles > 1
          ? Array.from({ length: r.int(0, 3) }, () => `article-${r.int(1, articles)}`)
              .filter((id) => id !== `article-${i + 1}`)
              .filter((id, k, all) => all.indexOf(id) === k)
              .map(ref)
          : [],
      seo: { _type: 'seo', title: title.slice(0, 70), description: sentence(8, 16).slice(0, 160) },
    }
  })

  const settings: Doc = {
    _id: 'siteSettings',
    _type: 'siteSettings',
    ...system(0),
    title: 'Insights',
    description: 'Research and ideas for leaders.',
    latestResearch: { heading: 'Discover our latest research', text: sentence(10, 20), links: links.slice(0, 3).map((l) => ref(l._id)) },
    navigation: topics
      .slice(0, 5)
      .map((t) => ({ _type: 'navItem', _key: r.key(), label: t.title, href: `/topics/${(t.slug as { current: string }).current}` })),
    footer: { text: '© IMD', links: [{ _type: 'navItem', _key: r.key(), label: 'About', href: '/about' }] },
  }
  return [settings, ...topics, ...authors, ...links, ...articleDocs]
}

export function writeContent(docs: Doc[], outDir: string): string {
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, 'data.ndjson')
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n')
  return file
}

function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const articles = Number(arg('articles') ?? '100')
  const outArg = arg('out')
  // --out is required: content/ holds the hand-made sample dataset and must not be overwritten by accident.
  if (!Number.isInteger(articles) || articles < 1 || !outArg) {
    console.error('usage: generate-content --articles N --out DIR   (N a positive integer)')
    process.exit(2)
  }
  const out = resolve(outArg)
  const docs = generateContent(articles)
  const file = writeContent(docs, out)
  console.log(`wrote ${docs.length} documents (${articles} articles) to ${file}`)
}

if (require.main === module) main(process.argv.slice(2))
