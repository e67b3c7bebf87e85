/**
 * The revalidation webhook as Sanity (and an attacker) would call it: signed and unsigned,
 * stale and replayed, oversized and malformed. `revalidateTag` is recorded, not run.
 */
import { encodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import { revalidateTag } from 'next/cache'
import { NextRequest } from 'next/server'

import { findDependents } from '@/lib/content/loaders'
import { MAX_BODY_BYTES } from '@/lib/revalidate/read-body'

jest.mock('next/cache', () => ({ revalidateTag: jest.fn() }))
// What the content source says shows the changed document (tests/unit/content/tag-plan.test.ts
// covers the plan; tests/int/lake-revalidate.test.ts asks a real lake).
jest.mock('@/lib/content/loaders', () => ({ findDependents: jest.fn() }))
const dependents = jest.mocked(findDependents)

const SECRET = 'test-webhook-secret-0123456789'
const MINUTE = 60_000
const revalidated = jest.mocked(revalidateTag)

let handleRevalidateWebhook: typeof import('@/lib/revalidate/webhook').handleRevalidateWebhook

beforeAll(async () => {
  // The secret is read once, when lib/content/token loads; the embedded mode skips Sanity's 3 s wait.
  process.env.SANITY_REVALIDATE_SECRET = SECRET
  delete process.env.NEXT_PUBLIC_SANITY_PROJECT_ID
  ;({ handleRevalidateWebhook } = await import('@/lib/revalidate/webhook'))
})
beforeEach(() => {
  revalidated.mockClear()
  dependents.mockReset()
  dependents.mockResolvedValue({ referrers: [], relatedPages: [] })
})

// Every test changes its own article, so no two share a signature by accident.
let stories = 0
const articleChange = () =>
  JSON.stringify({ _id: `article-${(stories += 1)}`, _type: 'article', slug: `story-${stories}`, operation: 'update' })

async function signature(body: string, { at = Date.now(), secret = SECRET } = {}) {
  return { [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, at, secret) }
}

async function post(body: BodyInit, headers: Record<string, string> = {}) {
  const response = await handleRevalidateWebhook(new NextRequest('http://localhost/api/revalidate', { method: 'POST', body, headers }))
  return { status: response.status, json: await response.json() }
}

/** A body of `total` bytes that arrives in chunks and counts how much was pulled from it. */
function countedBody(total: number, chunk = 64 * 1024) {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close()
        const size = Math.min(chunk, total - pulled)
        pulled += size
        controller.enqueue(new Uint8Array(size).fill(0x20))
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, chunk, pulled: () => pulled }
}

describe('POST /api/revalidate', () => {
  it('a signed change revalidates the document’s tags and those of the documents showing it, and says which', async () => {
    dependents.mockResolvedValue({ referrers: [{ _id: 'article-b', _type: 'article', slug: 'picks-it' }], relatedPages: ['same-topic'] })
    const change = { _id: 'article-f', _type: 'article', operation: 'update', slug: 'fresh-story', previousSlug: 'fresh-story' }
    const body = JSON.stringify({ ...change, _rev: 'r2', topics: ['topic-x'], cardChanged: false })
    const { status, json } = await post(body, await signature(body))
    expect(status).toBe(200)
    const tags = ['article:fresh-story', 'list:article', 'article:picks-it', 'article:same-topic']
    expect(json).toEqual({ revalidated: tags })
    expect(revalidated.mock.calls).toEqual(tags.map((tag) => [tag, 'max']))
    expect(dependents).toHaveBeenCalledWith({ ...change, oldSlugs: [], topics: ['topic-x'], cardChanged: false })
  })

  it('an author’s bio edit revalidates the author’s page and their articles’ pages, not every article', async () => {
    dependents.mockResolvedValue({ referrers: [{ _id: 'article-a', _type: 'article', slug: 'by-jane' }], relatedPages: [] })
    const body = JSON.stringify({
      _id: 'author-jane',
      _type: 'author',
      operation: 'update',
      slug: 'jane',
      previousSlug: 'jane',
      cardChanged: false,
    })
    const { json } = await post(body, await signature(body))
    expect(json).toEqual({ revalidated: ['author:jane', 'list:author', 'article:by-jane'] })
  })

  it('a renamed document’s previousSlug revalidates its old page too', async () => {
    const body = JSON.stringify({ _id: 'a', _type: 'article', operation: 'update', slug: 'new-name', previousSlug: 'old-name' })
    const { status, json } = await post(body, await signature(body))
    expect(status).toBe(200)
    expect(json).toEqual({ revalidated: ['article:new-name', 'article:old-name', 'list:article'] })
    expect(revalidated.mock.calls.map(([tag]) => tag)).toEqual(['article:new-name', 'article:old-name', 'list:article'])
  })

  it('a body from the old projection, without _id, revalidates the document’s own tags without asking the source', async () => {
    const body = JSON.stringify({ _type: 'article', slug: 'old-shape' })
    const { json } = await post(body, await signature(body))
    expect(json).toEqual({ revalidated: ['article:old-shape', 'list:article'] })
    expect(dependents).not.toHaveBeenCalled()
  })

  it('when the source cannot say who shows the document, nothing is revalidated and a retry is acted on', async () => {
    dependents.mockRejectedValueOnce(new Error('The content source is not answering'))
    const body = articleChange()
    const headers = { ...(await signature(body)), 'idempotency-key': `down-${stories}` }
    await expect(post(body, headers)).rejects.toThrow('not answering')
    expect(revalidated).not.toHaveBeenCalled()
    const retry = await post(body, { ...(await signature(body, { at: Date.now() + 1000 })), 'idempotency-key': `down-${stories}` })
    expect(retry.status).toBe(200)
    expect(retry.json.revalidated).toEqual([`article:story-${stories}`, 'list:article'])
  })

  it('a request without a signature is refused with 401, its body unread', async () => {
    const body = countedBody(2 * MAX_BODY_BYTES)
    const { status, json } = await post(body.stream)
    expect(status).toBe(401)
    expect(json.error).toMatch(/Missing sanity-webhook-signature/)
    expect(body.pulled()).toBe(0)
    expect(revalidated).not.toHaveBeenCalled()
  })

  it('a signature made with another secret is refused with 401', async () => {
    const body = articleChange()
    const { status, json } = await post(body, await signature(body, { secret: 'not-the-secret-at-all' }))
    expect(status).toBe(401)
    expect(json.error).toBe('Invalid signature')
    expect(revalidated).not.toHaveBeenCalled()
  })

  it('a forged signature on a body that is not JSON is refused with 401, not 400', async () => {
    const body = '<xml>not json</xml>'
    const { status } = await post(body, await signature(body, { secret: 'not-the-secret-at-all' }))
    expect(status).toBe(401)
  })

  it('a validly signed body that is not JSON is refused with 400', async () => {
    const body = '{"_type": "article",'
    const { status, json } = await post(body, await signature(body))
    expect(status).toBe(400)
    expect(json.error).toBe('The body is not valid JSON')
  })

  it('a validly signed body without a _type is refused with 400', async () => {
    const body = JSON.stringify({ slug: 'no-type' })
    const { status, json } = await post(body, await signature(body))
    expect(status).toBe(400)
    expect(json.error).toBe('The body needs a _type')
    expect(revalidated).not.toHaveBeenCalled()
  })

  it('a chunked body over 1 MB is refused with 413, reading no more than the limit and one chunk', async () => {
    const body = countedBody(2 * MAX_BODY_BYTES)
    const { status } = await post(body.stream, await signature('{}'))
    expect(status).toBe(413)
    expect(body.pulled()).toBeGreaterThan(MAX_BODY_BYTES)
    expect(body.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + body.chunk)
  })

  it('a body declared over 1 MB by Content-Length is refused with 413 before reading it', async () => {
    const body = countedBody(2 * MAX_BODY_BYTES)
    const { status } = await post(body.stream, { ...(await signature('{}')), 'content-length': String(2 * MAX_BODY_BYTES) })
    expect(status).toBe(413)
    expect(body.pulled()).toBe(0)
  })

  it.each([
    ['six minutes ago', () => Date.now() - 6 * MINUTE],
    ['in 2021', () => Date.parse('2021-06-01T00:00:00Z')],
  ])('a valid signature made %s is refused with 401 as expired', async (_when, at) => {
    const body = articleChange()
    const { status, json } = await post(body, await signature(body, { at: at() }))
    expect(status).toBe(401)
    expect(json.error).toMatch(/^Signature expired/)
    expect(revalidated).not.toHaveBeenCalled()
  })

  it.each([
    ['two minutes ahead', () => Date.now() + 2 * MINUTE],
    ['ten years ahead', () => Date.now() + 10 * 365 * 24 * 60 * MINUTE],
  ])('a valid signature dated %s is refused with 401 as from the future', async (_when, at) => {
    const body = articleChange()
    const { status, json } = await post(body, await signature(body, { at: at() }))
    expect(status).toBe(401)
    expect(json.error).toMatch(/^Signature from the future/)
    expect(revalidated).not.toHaveBeenCalled()
  })

  it('a signature a few seconds ahead of this clock (drift) is accepted', async () => {
    const body = articleChange()
    const { status } = await post(body, await signature(body, { at: Date.now() + 20_000 }))
    expect(status).toBe(200)
  })

  it('the same signed request sent again is answered 200 as a duplicate and revalidates nothing', async () => {
    const body = articleChange()
    const headers = await signature(body)
    expect((await post(body, headers)).status).toBe(200)
    expect(revalidated).toHaveBeenCalled()
    revalidated.mockClear()

    const replay = await post(body, headers)
    expect(replay).toEqual({ status: 200, json: { revalidated: [], duplicate: true } })
    expect(revalidated).not.toHaveBeenCalled()
  })

  it('a retry with the same idempotency-key and a new signature is answered 200 as a duplicate', async () => {
    const body = articleChange()
    const key = `msg-${stories}`
    const first = await post(body, { ...(await signature(body, { at: Date.now() - 1000 })), 'idempotency-key': key })
    expect(first.status).toBe(200)
    expect(first.json.revalidated.length).toBeGreaterThan(0)
    revalidated.mockClear()

    const retry = await post(body, { ...(await signature(body)), 'idempotency-key': key })
    expect(retry).toEqual({ status: 200, json: { revalidated: [], duplicate: true } })
    expect(revalidated).not.toHaveBeenCalled()
  })

  it('an idempotency-key longer than 200 characters is refused with 400', async () => {
    const body = articleChange()
    const { status } = await post(body, { ...(await signature(body)), 'idempotency-key': 'k'.repeat(201) })
    expect(status).toBe(400)
    expect(revalidated).not.toHaveBeenCalled()
  })
})
