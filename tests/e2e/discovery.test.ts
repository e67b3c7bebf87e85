/**
 * Discovery on the built site (`next build` + `next start`), over HTTP: what search engines,
 * feed readers and people searching get. Feeds are read with a real feed parser, the sitemap as
 * XML, JSON-LD as JSON, and search is used the way a browser without JavaScript would.
 */

import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import { XMLParser } from 'fast-xml-parser'
import Parser from 'rss-parser'

import { getPage, text } from '../helpers/html'
import { datasetWith, type RunningLake, startTestLake } from '../helpers/lake'
import { type RunningSite, startSite } from '../helpers/site'

const SEED = {
  slug: 'shifting-position-of-leadership-digital-disruption',
  title: 'The shifting position of leadership in a time of digital disruption',
  standfirst: 'How to “lead from behind”',
}
const SECRET = 'test-webhook-secret-0123456789'

const block = (key: string, words: string) => ({
  _key: key,
  _type: 'block',
  style: 'normal',
  markDefs: [],
  children: [{ _key: `${key}s`, _type: 'span', text: words, marks: [] }],
})
const extraArticle = (id: string, fields: { title: string; body: string; publishedAt: string; noindex?: boolean }) => ({
  _id: id,
  _type: 'article',
  _createdAt: fields.publishedAt,
  _updatedAt: fields.publishedAt,
  title: fields.title,
  slug: { _type: 'slug', current: id },
  standfirst: 'An extra article for discovery tests',
  publishedAt: fields.publishedAt,
  authors: [{ _key: 'a1', _type: 'reference', _ref: 'author-jennifer-jordan' }],
  topics: [{ _key: 't1', _type: 'reference', _ref: 'topic-leadership' }],
  body: [block('b1', fields.body)],
  ...(fields.noindex ? { seo: { _type: 'seo', noindex: true } } : {}),
})
// A word no sample article uses: one article has it in the title, a newer one only in its body.
const EXTRA = [
  extraArticle('quokkanomics-in-title', {
    title: 'Quokkanomics for boards',
    body: 'Plain words about governance.',
    publishedAt: '2015-01-01T08:00:00Z',
  }),
  extraArticle('quokkanomics-in-body', {
    title: 'Notes from the field',
    body: 'Later we touch on quokkanomics briefly.',
    publishedAt: '2026-05-01T08:00:00Z',
  }),
  extraArticle('hidden-from-search-engines', {
    title: 'An article editors keep out of search engines',
    body: 'Internal notes.',
    publishedAt: '2016-01-01T08:00:00Z',
    noindex: true,
  }),
]

let lake: RunningLake
let site: RunningSite
/** The site's configured public URL (NEXT_PUBLIC_SITE_URL at build), read from its canonical links. */
let origin: string

/** An absolute URL of the configured site, pointed at the test server instead. */
const local = (url: string) => {
  expect(url.startsWith(`${origin}/`)).toBe(true)
  return `${site.url}${url.slice(origin.length)}`
}
const head = (document: Document, selector: string, attribute = 'content') =>
  document.head.querySelector(selector)?.getAttribute(attribute) ?? null
/** A schema.org node as parsed JSON, with the fields these tests read. */
type LdNode = {
  '@type': string
  [field: string]: unknown
  itemListElement?: Array<{ position: number; name: string; item: string }>
  hasPart?: Array<{ url: string }>
  author?: unknown[]
  potentialAction?: { target: { urlTemplate: string } }
}
const jsonLd = (document: Document): LdNode[] =>
  [...document.querySelectorAll('script[type="application/ld+json"]')].flatMap((script) => {
    const data = JSON.parse(script.textContent ?? '')
    return data['@graph'] ?? [data]
  })
const nodeOf = (nodes: LdNode[], type: string) => nodes.find((node) => node['@type'] === type)

async function revalidateArticles() {
  const body = JSON.stringify({ _type: 'article', slug: null })
  const signature = await encodeSignatureHeader(body, Date.now(), SECRET)
  const response = await fetch(`${site.url}/api/revalidate`, { method: 'POST', body, headers: { [SIGNATURE_HEADER_NAME]: signature } })
  expect(response.status).toBe(200)
}

beforeAll(async () => {
  lake = await startTestLake(datasetWith(EXTRA))
  site = await startSite(lake.url, { SANITY_REVALIDATE_SECRET: SECRET })
  const home = await getPage(`${site.url}/`)
  origin = new URL(head(home.document, 'link[rel="canonical"]', 'href') ?? '').origin
})
afterAll(async () => {
  await site?.stop()
  await lake?.close()
})

describe('the seed article’s <head>', () => {
  it('has title, description, canonical, Open Graph, Twitter card and feed links', async () => {
    const { status, document } = await getPage(`${site.url}/insights/${SEED.slug}`)
    expect(status).toBe(200)
    expect(document.title).toBe(`${SEED.title} | Insights`)
    expect(head(document, 'meta[name="description"]')).toBe(SEED.standfirst)
    expect(head(document, 'link[rel="canonical"]', 'href')).toBe(`${origin}/insights/${SEED.slug}`)
    expect(head(document, 'meta[name="robots"]')).toBe('index, follow')
    expect({
      title: head(document, 'meta[property="og:title"]'),
      description: head(document, 'meta[property="og:description"]'),
      url: head(document, 'meta[property="og:url"]'),
      type: head(document, 'meta[property="og:type"]'),
      site: head(document, 'meta[property="og:site_name"]'),
      published: head(document, 'meta[property="article:published_time"]'),
      author: head(document, 'meta[property="article:author"]'),
    }).toEqual({
      title: SEED.title,
      description: SEED.standfirst,
      url: `${origin}/insights/${SEED.slug}`,
      type: 'article',
      site: 'Insights',
      published: '2018-08-14T09:00:00Z',
      author: `${origin}/authors/jennifer-jordan`,
    })
    expect(head(document, 'meta[name="twitter:card"]')).toBe('summary_large_image')
    expect(head(document, 'meta[name="twitter:title"]')).toBe(SEED.title)
    expect(head(document, 'meta[name="twitter:image"]')).toBe(head(document, 'meta[property="og:image"]'))

    const feeds = [...document.head.querySelectorAll('link[rel="alternate"]')].map((link) => [
      link.getAttribute('type'),
      link.getAttribute('href'),
    ])
    expect(feeds).toEqual([
      ['application/rss+xml', `${origin}/feeds/rss.xml`],
      ['application/atom+xml', `${origin}/feeds/atom.xml`],
      ['application/feed+json', `${origin}/feeds/feed.json`],
    ])
  })

  it('og:image is the article’s own image and answers 200 image/png', async () => {
    const { document } = await getPage(`${site.url}/insights/${SEED.slug}`)
    const image = head(document, 'meta[property="og:image"]') ?? ''
    expect(image).toMatch(/\/lake\/images\/.+\.png\?/)
    const response = await fetch(local(image))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(head(document, 'meta[property="og:image:width"]')).toBe('1200')
    expect(head(document, 'meta[property="og:image:height"]')).toBe('630')
  })

  it('an article without an image gets a generated card; the site has a default image', async () => {
    const { document } = await getPage(`${site.url}/insights/data-culture-eats-dashboards`)
    const card = head(document, 'meta[property="og:image"]') ?? ''
    // Next names the route opengraph-image-<hash> inside a route group.
    expect(card).toMatch(new RegExp(`^${origin}/insights/data-culture-eats-dashboards/opengraph-image`))
    // The same route draws a card for an article with its own image too (title, standfirst, author).
    for (const url of [card, card.replace('data-culture-eats-dashboards', SEED.slug)]) {
      const response = await fetch(local(url))
      expect({ url, status: response.status, type: response.headers.get('content-type') }).toEqual({ url, status: 200, type: 'image/png' })
      const png = Buffer.from(await response.arrayBuffer())
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630])
    }
    const home = await getPage(`${site.url}/`)
    const fallback = head(home.document, 'meta[property="og:image"]') ?? ''
    expect(fallback).toMatch(new RegExp(`^${origin}/opengraph-image`))
    expect((await fetch(local(fallback))).headers.get('content-type')).toBe('image/png')
    expect((await fetch(local(card.replace('data-culture-eats-dashboards', 'no-such-article')))).status).toBe(404)
  })

  it('a noindex article tells robots so', async () => {
    const { status, document } = await getPage(`${site.url}/insights/hidden-from-search-engines`)
    expect(status).toBe(200)
    expect(head(document, 'meta[name="robots"]')).toBe('noindex, follow')
  })

  it('a missing page claims no canonical URL and is not indexed', async () => {
    const { status, document } = await getPage(`${site.url}/insights/no-such-article`)
    expect(status).toBe(404)
    expect(document.head.querySelector('link[rel="canonical"]')).toBeNull()
    expect([...document.head.querySelectorAll('meta[name="robots"]')].map((meta) => meta.getAttribute('content'))).toEqual(['noindex'])
  })

  it('topic pages link their own feeds besides the site’s', async () => {
    const { document } = await getPage(`${site.url}/topics/leadership`)
    expect(head(document, 'link[rel="canonical"]', 'href')).toBe(`${origin}/topics/leadership`)
    const hrefs = [...document.head.querySelectorAll('link[rel="alternate"]')].map((link) => link.getAttribute('href'))
    expect(hrefs).toEqual(
      expect.arrayContaining([
        `${origin}/feeds/rss.xml`,
        `${origin}/feeds/topics/leadership/rss.xml`,
        `${origin}/feeds/topics/leadership/atom.xml`,
        `${origin}/feeds/topics/leadership/feed.json`,
      ]),
    )
  })
})

describe('JSON-LD', () => {
  it('article: Article with author Person and publisher, and breadcrumbs', async () => {
    const nodes = jsonLd((await getPage(`${site.url}/insights/${SEED.slug}`)).document)
    const article = nodeOf(nodes, 'Article')
    expect(article).toMatchObject({
      headline: SEED.title,
      description: SEED.standfirst,
      datePublished: '2018-08-14T09:00:00Z',
      url: `${origin}/insights/${SEED.slug}`,
    })
    expect(Date.parse(String(article?.dateModified))).not.toBeNaN()
    expect(article?.image).toMatch(new RegExp(`^${origin}/`))
    expect(article?.author).toEqual([
      expect.objectContaining({ '@type': 'Person', name: 'Jennifer Jordan', url: `${origin}/authors/jennifer-jordan` }),
    ])
    expect(article?.publisher).toMatchObject({ '@type': 'Organization', name: 'Insights' })
    expect(nodeOf(nodes, 'BreadcrumbList')?.itemListElement?.map((item) => item.name)).toEqual(['Home', 'Insights', SEED.title])
  })

  it('author: Person with breadcrumbs', async () => {
    const nodes = jsonLd((await getPage(`${site.url}/authors/jennifer-jordan`)).document)
    expect(nodeOf(nodes, 'Person')).toMatchObject({
      name: 'Jennifer Jordan',
      url: `${origin}/authors/jennifer-jordan`,
      jobTitle: 'Professor of Leadership and Organizational Behavior',
    })
    expect(nodeOf(nodes, 'BreadcrumbList')?.itemListElement?.at(-1)).toMatchObject({
      position: 2,
      name: 'Jennifer Jordan',
      item: `${origin}/authors/jennifer-jordan`,
    })
  })

  it('topic: CollectionPage of its articles with breadcrumbs', async () => {
    const nodes = jsonLd((await getPage(`${site.url}/topics/leadership`)).document)
    const page = nodeOf(nodes, 'CollectionPage')
    expect(page).toMatchObject({ name: 'Leadership', url: `${origin}/topics/leadership` })
    expect(page?.hasPart?.map((part) => part.url)).toContain(`${origin}/insights/${SEED.slug}`)
    expect(nodeOf(nodes, 'BreadcrumbList')?.itemListElement?.map((item) => item.item)).toEqual([
      `${origin}/`,
      `${origin}/insights`,
      `${origin}/topics/leadership`,
    ])
  })

  it('home: WebSite with a search action, and the Organization', async () => {
    const nodes = jsonLd((await getPage(`${site.url}/`)).document)
    expect(nodeOf(nodes, 'WebSite')).toMatchObject({ name: 'Insights', url: `${origin}/` })
    expect(nodeOf(nodes, 'WebSite')?.potentialAction?.target.urlTemplate).toBe(`${origin}/search?q={search_term_string}`)
    expect(nodeOf(nodes, 'Organization')).toMatchObject({ name: 'Insights', url: `${origin}/` })
  })
})

describe('feeds', () => {
  const parser = new Parser()

  it.each([
    ['/feeds/rss.xml', 'application/rss+xml'],
    ['/feeds/atom.xml', 'application/atom+xml'],
  ])('%s parses, newest first, with absolute links, dates, authors and topics', async (path, type) => {
    const response = await fetch(`${site.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(`${type}; charset=utf-8`)
    const feed = await parser.parseString(await response.text())
    expect(feed.items.length).toBeGreaterThanOrEqual(12)
    expect(feed.items.length).toBeLessThanOrEqual(50)
    const dates = feed.items.map((item) => Date.parse(item.isoDate ?? ''))
    expect(dates.every((date) => !Number.isNaN(date))).toBe(true)
    expect([...dates].sort((a, b) => b - a)).toEqual(dates)
    const seed = feed.items.find((item) => item.title === SEED.title)
    expect(seed?.link).toBe(`${origin}/insights/${SEED.slug}`)
    expect(seed?.contentSnippet ?? seed?.summary).toBe(SEED.standfirst)
    for (const item of feed.items) expect(item.link?.startsWith(`${origin}/insights/`)).toBe(true)
    expect((await fetch(local(seed?.link ?? ''))).status).toBe(200)
  })

  it('RSS items name their authors and topics', async () => {
    const xml = await (await fetch(`${site.url}/feeds/rss.xml`)).text()
    type Category = string | { _: string }
    const feed = await new Parser<object, { author: string; categories: Category[] }>({ customFields: { item: ['author'] } }).parseString(
      xml,
    )
    const seed = feed.items.find((item) => item.title === SEED.title)
    expect(seed?.author).toBe('Jennifer Jordan')
    expect(seed?.isoDate).toBe('2018-08-14T09:00:00.000Z')
    expect(seed?.categories.map((category) => (typeof category === 'string' ? category : category._))).toEqual([
      'Leadership',
      'Digital transformation',
    ])
  })

  it('JSON Feed has the JSON Feed shape', async () => {
    const response = await fetch(`${site.url}/feeds/feed.json`)
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    const feed = await response.json()
    expect(feed).toMatchObject({
      version: expect.stringMatching(/^https:\/\/jsonfeed\.org\/version\//),
      title: expect.any(String),
      home_page_url: `${origin}/insights`,
      feed_url: `${origin}/feeds/feed.json`,
    })
    expect(feed.items.length).toBeGreaterThanOrEqual(12)
    for (const item of feed.items) {
      expect(item).toMatchObject({
        id: expect.any(String),
        url: expect.stringMatching(new RegExp(`^${origin}/insights/`)),
        title: expect.any(String),
        content_html: expect.any(String),
      })
      expect(Date.parse(item.date_published)).not.toBeNaN()
    }
    const seed = feed.items.find((item: { title: string }) => item.title === SEED.title)
    expect(seed).toMatchObject({
      date_published: '2018-08-14T09:00:00.000Z',
      author: { name: 'Jennifer Jordan', url: `${origin}/authors/jennifer-jordan` },
      tags: ['Leadership', 'Digital transformation'],
    })
  })

  it('each topic has RSS, Atom and JSON feeds of its own articles; unknown topics are 404', async () => {
    const rss = await parser.parseString(await (await fetch(`${site.url}/feeds/topics/leadership/rss.xml`)).text())
    const atom = await parser.parseString(await (await fetch(`${site.url}/feeds/topics/leadership/atom.xml`)).text())
    const json = await (await fetch(`${site.url}/feeds/topics/leadership/feed.json`)).json()
    expect(rss.items.length).toBeGreaterThan(0)
    expect(atom.items.map((item) => item.link)).toEqual(rss.items.map((item) => item.link))
    expect(json.items.map((item: { url: string }) => item.url)).toEqual(rss.items.map((item) => item.link))
    expect(json.items.every((item: { tags: string[] }) => item.tags.includes('Leadership'))).toBe(true)
    const all = await parser.parseString(await (await fetch(`${site.url}/feeds/rss.xml`)).text())
    expect(rss.items.length).toBeLessThan(all.items.length)
    expect((await fetch(`${site.url}/feeds/topics/no-such-topic/rss.xml`)).status).toBe(404)
  })
})

describe('sitemap.xml and robots.txt', () => {
  const parser = new XMLParser({ isArray: (name) => name === 'url' })
  const sitemapUrls = async () => {
    const response = await fetch(`${site.url}/sitemap.xml`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/)
    return parser.parse(await response.text()).urlset.url as Array<{ loc: string; lastmod?: string }>
  }

  it('lists every page type with absolute URLs and lastmod, each answering 200', async () => {
    const urls = await sitemapUrls()
    const locs = urls.map((url) => url.loc)
    expect(locs).toEqual(
      expect.arrayContaining([
        `${origin}/`,
        `${origin}/insights`,
        `${origin}/research`,
        `${origin}/insights/${SEED.slug}`,
        `${origin}/authors/jennifer-jordan`,
        `${origin}/topics/leadership`,
      ]),
    )
    expect(new Set(locs).size).toBe(locs.length)
    for (const url of urls) {
      expect(Date.parse(url.lastmod ?? '')).not.toBeNaN()
      const response = await fetch(local(url.loc), { redirect: 'manual' })
      expect({ url: url.loc, status: response.status }).toEqual({ url: url.loc, status: 200 })
    }
  })

  it('leaves out noindex articles (after a content change is published)', async () => {
    await revalidateArticles()
    let locs: string[] = []
    for (let i = 0; i < 20 && !locs.includes(`${origin}/insights/quokkanomics-in-title`); i += 1)
      locs = (await sitemapUrls()).map((url) => url.loc)
    expect(locs).toContain(`${origin}/insights/quokkanomics-in-title`)
    expect(locs).not.toContain(`${origin}/insights/hidden-from-search-engines`)
  })

  it('robots.txt allows crawling and points at the sitemap', async () => {
    const response = await fetch(`${site.url}/robots.txt`)
    expect(response.status).toBe(200)
    const body = await response.text()
    expect(body).toMatch(/User-Agent: \*/i)
    expect(body).toContain('Allow: /')
    expect(body).toContain('Disallow: /search')
    expect(body).toContain(`Sitemap: ${origin}/sitemap.xml`)
  })

  it('/favicon.ico answers (browsers ask for it on pages that name no icon, such as the not-found page)', async () => {
    const response = await fetch(`${site.url}/favicon.ico`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 3])
  })
})

describe('search', () => {
  const search = (q: string, page?: number) => getPage(`${site.url}/search?q=${encodeURIComponent(q)}${page ? `&page=${page}` : ''}`)
  const resultLinks = (document: Document) =>
    [...document.querySelectorAll('main ol.search-results h2 a')].map((a) => a.getAttribute('href'))

  it('works as a plain GET form: the header form and the page form both submit q to /search', async () => {
    const { document } = await getPage(`${site.url}/`)
    const form = document.querySelector('form[role="search"]')
    expect(form?.getAttribute('action')).toBe('/search')
    expect(form?.getAttribute('method')).toBe('get')
    expect(form?.querySelector('input[name="q"]')).not.toBeNull()
    const page = await search('leadership')
    expect(page.status).toBe(200)
    expect(page.document.querySelector('main form[action="/search"] input[name="q"]')?.getAttribute('value')).toBe('leadership')
  })

  it('finds the seed article by a phrase from its standfirst and by its author, words marked', async () => {
    const byStandfirst = await search('lead from behind')
    expect(resultLinks(byStandfirst.document)).toContain(`/insights/${SEED.slug}`)
    const byAuthor = await search('Jennifer Jordan')
    expect(resultLinks(byAuthor.document)).toContain(`/insights/${SEED.slug}`)
    const marks = [...byAuthor.document.querySelectorAll('main mark')].map((mark) => text(mark).toLowerCase())
    expect(marks).toEqual(expect.arrayContaining(['jennifer', 'jordan']))
    expect(marks.every((mark) => mark.startsWith('jennifer') || mark.startsWith('jordan'))).toBe(true)
  })

  it('ranks a title match above a (newer) body-only match', async () => {
    const { document } = await search('quokkanomics')
    expect(resultLinks(document)).toEqual(['/insights/quokkanomics-in-title', '/insights/quokkanomics-in-body'])
    expect(text(document.querySelector('main ol.search-results mark'))).toBe('Quokkanomics')
    expect(text(document.querySelectorAll('main ol.search-results li')[1] ?? null)).toContain('Later we touch on quokkanomics briefly.')
  })

  it('pages 12 results at a time', async () => {
    const first = await search('the')
    const firstLinks = resultLinks(first.document)
    expect(firstLinks).toHaveLength(12)
    const next = first.document.querySelector('nav[aria-label="Pagination"] a[rel="next"]')?.getAttribute('href') ?? ''
    expect(next).toMatch(/^\/search\?q=the&page=2$/)
    const second = await getPage(`${site.url}${next}`)
    expect(second.status).toBe(200)
    const secondLinks = resultLinks(second.document)
    expect(secondLinks.length).toBeGreaterThan(0)
    expect(secondLinks.filter((link) => firstLinks.includes(link))).toEqual([])
    expect(text(second.document)).toContain('Page 2 of')
  })

  it('an empty query shows a prompt; no results shows a message', async () => {
    const empty = await getPage(`${site.url}/search`)
    expect(empty.status).toBe(200)
    expect(text(empty.document.querySelector('main'))).toContain('What are you looking for?')
    expect(resultLinks(empty.document)).toEqual([])
    const none = await search('zzzyzzx')
    expect(none.status).toBe(200)
    expect(text(none.document.querySelector('main'))).toContain('No insights match “zzzyzzx”')
  })

  it.each([
    ['quotes', '"leadership\' "'],
    ['GROQ syntax', '*]{'],
    ['a parameter', '$x'],
    ['an injection attempt', '") || true] | order(_id) {"all": *}'],
    ['backslashes', '\\\\ \\" \\'],
    ['1,000 characters', 'leadership '.repeat(91)],
    ['unicode', 'Führung 戦略 🙂 ｌｅａｄｅｒｓｈｉｐ'],
    ['markup', '<script>alert(1)</script>'],
  ])('%s: a normal page with zero or more results', async (_name, q) => {
    const { status, document, html } = await search(q)
    expect(status).toBe(200)
    expect(text(document.querySelector('main h1'))).toBe('Search')
    expect(document.querySelector('main ol.search-results, main .search-empty, main .search-prompt')).not.toBeNull()
    expect(html).not.toContain('<script>alert(1)</script>')
  })

  it('bad page numbers are a normal page too', async () => {
    for (const page of ['abc', '0', '-1', '99999']) {
      const response = await fetch(`${site.url}/search?q=leadership&page=${page}`)
      expect({ page, status: response.status }).toEqual({ page, status: 200 })
    }
  })
})

describe('related articles', () => {
  it('the seed article shows the editor’s picks first, three at most', async () => {
    const { document } = await getPage(`${site.url}/insights/${SEED.slug}`)
    const section = document.querySelector('section[aria-labelledby="related-heading"]')
    const links = [...(section?.querySelectorAll('h3 a') ?? [])].map((a) => a.getAttribute('href'))
    expect(links).toEqual([
      '/insights/trust-at-a-distance-hybrid-teams',
      '/insights/ai-pilots-to-practice',
      '/insights/decision-speed-executive-teams',
    ])
  })
})
