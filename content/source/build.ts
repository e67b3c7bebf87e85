/**
 * Builds content/data.ndjson, the sample dataset in `sanity dataset export` format, from the
 * authoring files beside this one and the image files scripts/generate-images.ts draws.
 * As export writes it: no asset documents; image fields are `{_sanityAsset:
 * 'image@file://./images/<sha1>-<w>x<h>.png', _type, ...}` with the files in content/images/.
 *
 *   npm run content:images   (only when images change)
 *   npx tsx content/source/build.ts
 *
 * Output is deterministic: timestamps come from the content, `_key`s and `_rev`s are hashes.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { exportDocuments, importExportedDocuments } from '../../lake/export-format'

import { articles, pendingEdits } from './articles'
import { authors } from './authors'
import type { ArticleSource, ImageSource } from './model'
import type { BodyNode } from './portable-text'
import { researchLinks, siteSettings, topics } from './taxonomy'

type Doc = { _id: string; _type: string } & Record<string, unknown>

const OUT = join(__dirname, '..', 'data.ndjson')
/** Image name -> its `_sanityAsset` value (`image@file://./images/<file>`). */
const assets = JSON.parse(readFileSync(join(__dirname, 'image-assets.json'), 'utf8')) as Record<string, string>

const hash = (text: string) => createHash('sha1').update(text).digest('hex')
const ref = (id: string) => ({ _type: 'reference', _ref: id })
const refs = (ids: readonly string[] = []) => ids.map(ref)

function exportedAsset(name: string) {
  const asset = assets[name]
  if (!asset) throw new Error(`No image "${name}" in image-assets.json; add it to scripts/generate-images.ts`)
  return asset
}

function image(source: ImageSource | undefined) {
  if (!source) return undefined
  const focus = source.hotspot && {
    hotspot: { _type: 'sanity.imageHotspot', ...source.hotspot },
    crop: { _type: 'sanity.imageCrop', top: 0, bottom: 0, left: 0, right: 0 },
  }
  return { _sanityAsset: exportedAsset(source.image), _type: 'image', ...focus, alt: source.alt }
}

function bodyNode(node: BodyNode) {
  if (node._type !== 'bodyImage') return node
  const { image: name, _type, ...rest } = node
  return { _sanityAsset: exportedAsset(name), _type, ...rest }
}

/** Adds a stable `_key` to every object in every array, as the Studio would (randomly). */
function withKeys(value: unknown, seed: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const keyed = withKeys(item, `${seed}[${index}]`)
      if (typeof keyed !== 'object' || keyed === null || '_key' in keyed) return keyed
      return { _key: hash(`${seed}[${index}]`).slice(0, 12), ...keyed }
    })
  }
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withKeys(v, `${seed}.${k}`)]))
}

/** System fields first, then the content with keys; `_rev` is a hash of the content. */
function finish(id: string, type: string, createdAt: string, updatedAt: string, fields: Record<string, unknown>): Doc {
  const content = withKeys(JSON.parse(JSON.stringify(fields)), id) as Record<string, unknown>
  const rev = createHash('sha1').update(JSON.stringify({ id, content })).digest('base64url').replace(/[-_]/g, 'x').slice(0, 22)
  return { _id: id, _type: type, _createdAt: createdAt, _updatedAt: updatedAt, _rev: rev, ...content }
}

const daysBefore = (iso: string, days: number) => new Date(Date.parse(iso) - days * 86_400_000).toISOString().replace('.000Z', 'Z')

function articleDoc(article: ArticleSource): Doc {
  const { _id, slug, body, mainImage, authors: by, topics: on, researchLinks: research, relatedArticles, updatedAt, ...rest } = article
  return finish(_id, 'article', daysBefore(article.publishedAt, 3), updatedAt ?? article.publishedAt, {
    ...rest,
    slug: { _type: 'slug', current: slug },
    authors: refs(by),
    topics: refs(on),
    mainImage: image(mainImage),
    body: body.flat().map(bodyNode),
    researchLinks: research && refs(research),
    relatedArticles: relatedArticles && refs(relatedArticles),
    seo: article.seo && { _type: 'seo', ...article.seo },
  })
}

function buildDocuments(): Doc[] {
  const navItems = (items: readonly { label: string; href: string }[]) => items.map((item) => ({ _type: 'navItem', ...item }))
  const settings = finish('siteSettings', 'siteSettings', '2018-08-01T07:00:00Z', '2026-02-04T07:30:00Z', {
    title: siteSettings.title,
    description: siteSettings.description,
    latestResearch: { ...siteSettings.latestResearch, links: refs(siteSettings.latestResearch.links) },
    navigation: navItems(siteSettings.navigation),
    footer: { text: siteSettings.footer.text, links: navItems(siteSettings.footer.links) },
  })
  const topicDocs = topics.map(({ _id, slug, ...rest }) =>
    finish(_id, 'topic', '2018-08-01T07:00:00Z', '2018-08-01T07:00:00Z', { ...rest, slug: { _type: 'slug', current: slug } }),
  )
  const researchDocs = researchLinks.map(({ _id, ...rest }) =>
    finish(_id, 'researchHubLink', '2018-08-01T07:00:00Z', '2025-03-10T09:00:00Z', rest),
  )
  const authorDocs = authors.map(({ _id, slug, photo, links, createdAt, ...rest }) =>
    finish(_id, 'author', createdAt, createdAt, {
      ...rest,
      slug: { _type: 'slug', current: slug },
      photo: image(photo),
      links: links?.map((link) => ({ _type: 'profileLink', ...link })),
    }),
  )
  const sorted = [...articles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a._id.localeCompare(b._id))
  const articleDocs = sorted.map(articleDoc)
  const editDocs = pendingEdits.map(({ of, updatedAt, ...changes }) => {
    const published = articles.find((article) => article._id === of)
    if (!published) throw new Error(`Pending edit of unknown article ${of}`)
    const draft = articleDoc({ ...published, ...changes, _id: `drafts.${of}`, updatedAt })
    return { ...draft, _createdAt: updatedAt }
  })
  return [settings, ...topicDocs, ...researchDocs, ...authorDocs, ...articleDocs, ...editDocs]
}

// Through import and back, as `sanity dataset export` would write what import produced: checks
// every image file is there and puts `_sanityAsset` first in each image object, as export does.
const docs = exportDocuments(importExportedDocuments(buildDocuments(), { datasetDir: dirname(OUT) }))
writeFileSync(OUT, `${docs.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
console.log(`${docs.length} documents written to ${OUT}`)
