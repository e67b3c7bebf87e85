import type { ChangeOperation, DocumentChange } from '@/lib/content/tags'

import { WebhookError } from './errors'

/**
 * The GROQ projection every webhook that calls POST /api/revalidate must send: the lake's
 * (lake-webhook.ts, wired by scripts/with-lake.ts) and a Sanity project's (README.md, "Connecting
 * a real Sanity project"). It uses only what Sanity's GROQ-powered webhooks evaluate: the changed
 * document, `before()`, `after()` and `delta::` functions. No sub-query (`*[references(^._id)]`):
 * Sanity's webhooks do not run them, so the route asks the content source who references the
 * document itself (lib/content/loaders.ts, `findDependents`).
 *
 * - `slug` is its slug now, or before a delete; `previousSlug` the one before the change, so a
 *   renamed, unpublished or deleted document's old page is revalidated too.
 * - `oldSlugs`: an article's old slugs (`previousSlugs`) before or after the change: the pages at
 *   those addresses redirect to it, or stop redirecting.
 * - `topics`: the topics an article was in before or is in after the change, so the articles
 *   showing it among their related articles are found even when it left a topic.
 * - `cardChanged`: whether a field that other documents' pages show changed (an article's title,
 *   an author's name, a topic's title, any slug).
 * - `_rev` changes with every write, so every write is sent (the lake sends nothing for a change
 *   that leaves the projection as it was).
 */
export const REVALIDATE_PROJECTION = `{
  _id, _type, _rev,
  "operation": delta::operation(),
  "slug": coalesce(after().slug.current, before().slug.current),
  "previousSlug": before().slug.current,
  "oldSlugs": array::unique(coalesce(before().previousSlugs, []) + coalesce(after().previousSlugs, [])),
  "topics": array::unique(coalesce(before().topics[]._ref, []) + coalesce(after().topics[]._ref, [])),
  "cardChanged": delta::changedAny((title, name, slug))
}`

/** More old slugs than the schema allows (20) are not revalidated: a forged body cannot fan out. */
const MAX_OLD_SLUGS = 40

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : []

const OPERATIONS: readonly string[] = ['create', 'update', 'delete'] satisfies ChangeOperation[]

/**
 * The change a delivery describes. Only `_type` is required: a body from an older projection
 * (`{_type, "slug": slug.current}`) still revalidates the document's own pages, read as an update
 * that changed what other pages show, without the documents referencing it (no `_id` to ask with).
 */
export function changeFromBody(body: string): DocumentChange {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new WebhookError(400, 'The body is not valid JSON')
  }
  const doc = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  if (typeof doc._type !== 'string' || !doc._type) throw new WebhookError(400, 'The body needs a _type')
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null)
  const operation = typeof doc.operation === 'string' && OPERATIONS.includes(doc.operation) ? (doc.operation as ChangeOperation) : 'update'
  return {
    _id: text(doc._id) ?? '',
    _type: doc._type,
    operation,
    slug: text(doc.slug),
    previousSlug: text(doc.previousSlug),
    oldSlugs: strings(doc.oldSlugs).slice(0, MAX_OLD_SLUGS),
    topics: strings(doc.topics),
    cardChanged: typeof doc.cardChanged === 'boolean' ? doc.cardChanged : true,
  }
}
