/**
 * The parts of Sanity's API the Studio calls, through the real @sanity/client against a lake on a
 * temp copy of the fixture dataset: document actions (one transaction each, written back to the
 * file), listener events the Studio can apply (mendoza effects, mutations, revisions, transaction
 * counts), image uploads stored by content in export format, and the fixed answers (user, project,
 * ACL...). A foreign origin can do none of it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { MutationEvent, SanityClient } from '@sanity/client'
import EventSource from '@sanity/eventsource'
import { BufferedDocument, Mutation } from '@sanity/mutator'
import { applyPatch } from 'mendoza'
import sharp from 'sharp'

import { startLake, type Lake } from '@/lake'

import { lakeClient } from '../helpers/lake'

const fixture = join(__dirname, '../fixtures/lake')

let dir: string
let file: string
let lake: Lake
let client: SanityClient

// @sanity/client loads its EventSource with a dynamic import, which Jest's CommonJS cannot run;
// with a global one (as in a browser) it uses that. Same implementation, loaded statically.
beforeAll(() => {
  ;(globalThis as { EventSource?: unknown }).EventSource ??= EventSource
})

const start = async () => {
  lake = await startLake({ token: null, port: 0, datasets: { production: file }, watch: false, log: () => {} })
  client = lakeClient(lake.url)
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-studio-'))
  cpSync(fixture, dir, { recursive: true })
  file = join(dir, 'data.ndjson')
  await start()
})

afterEach(async () => {
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

type Doc = { _id: string; _rev: string; _type: string; title?: string; [key: string]: unknown }

/** The documents with these ids as stored (raw), by id. */
async function docs(...ids: string[]): Promise<Record<string, Doc | undefined>> {
  const found = await client.fetch<Doc[]>('*[_id in $ids]', { ids }, { perspective: 'raw' })
  return Object.fromEntries(ids.map((id) => [id, found.find((d) => d._id === id)]))
}

/** The documents of the dataset file, by id, as written (export format). */
function fileDocs(): Map<string, Record<string, unknown>> {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
  return new Map(lines.map((line) => JSON.parse(line) as Record<string, unknown>).map((d) => [d._id as string, d]))
}

const edit = (publishedId: string, patch: Record<string, unknown>) => ({
  actionType: 'sanity.action.document.edit' as const,
  draftId: `drafts.${publishedId}`,
  publishedId,
  patch,
})

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${lake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as { error?: { type: string; description: string }; transactionId?: string } }
}

describe('document actions', () => {
  it('edits, publishes, unpublishes, discards and deletes, each one transaction written to the file', async () => {
    const { 'topic-strategy': published } = await docs('topic-strategy')
    expect(published?.title).toBe('Strategy')

    // Edit without a draft: the draft is made from the published document, then patched.
    const edited = await client.action(
      edit('topic-strategy', { set: { title: 'Strategy, revised' }, unset: ['_empty_action_guard_pseudo_field_'] }),
    )
    let now = await docs('topic-strategy', 'drafts.topic-strategy')
    expect(now['drafts.topic-strategy']).toMatchObject({
      title: 'Strategy, revised',
      slug: { current: 'strategy' },
      _rev: edited.transactionId,
    })
    expect(now['topic-strategy']).toEqual(published)
    await lake.compact()
    expect(fileDocs().get('drafts.topic-strategy')).toMatchObject({ title: 'Strategy, revised' })

    // Publish: the draft becomes the published document and is gone.
    const publish = await client.action({
      actionType: 'sanity.action.document.publish',
      draftId: 'drafts.topic-strategy',
      publishedId: 'topic-strategy',
      ifPublishedRevisionId: published!._rev,
      ifDraftRevisionId: edited.transactionId,
    })
    now = await docs('topic-strategy', 'drafts.topic-strategy')
    expect(now['drafts.topic-strategy']).toBeUndefined()
    expect(now['topic-strategy']).toMatchObject({ title: 'Strategy, revised', _rev: publish.transactionId })
    await lake.compact()
    expect(fileDocs().has('drafts.topic-strategy')).toBe(false)
    expect(fileDocs().get('topic-strategy')).toMatchObject({ title: 'Strategy, revised' })

    // Unpublish: the published document moves to the draft.
    await client.action({ actionType: 'sanity.action.document.unpublish', draftId: 'drafts.topic-strategy', publishedId: 'topic-strategy' })
    now = await docs('topic-strategy', 'drafts.topic-strategy')
    expect(now['topic-strategy']).toBeUndefined()
    expect(now['drafts.topic-strategy']).toMatchObject({ title: 'Strategy, revised' })

    // Discard: the draft is deleted, nothing is left.
    await client.action({ actionType: 'sanity.action.document.discard', draftId: 'drafts.topic-strategy' })
    now = await docs('topic-strategy', 'drafts.topic-strategy')
    expect(now).toEqual({ 'topic-strategy': undefined, 'drafts.topic-strategy': undefined })
    await lake.compact()
    expect(fileDocs().has('topic-strategy') || fileDocs().has('drafts.topic-strategy')).toBe(false)

    // Create a new draft, publish it, edit it again, then delete published and draft.
    await client.action({
      actionType: 'sanity.action.document.create',
      publishedId: 'topic-new',
      attributes: { _id: 'drafts.topic-new', _type: 'topic', title: 'New' },
      ifExists: 'fail',
    })
    await client.action({ actionType: 'sanity.action.document.publish', draftId: 'drafts.topic-new', publishedId: 'topic-new' })
    await client.action(edit('topic-new', { set: { title: 'Newer' } }))
    now = await docs('topic-new', 'drafts.topic-new')
    expect(now['topic-new']?.title).toBe('New')
    expect(now['drafts.topic-new']?.title).toBe('Newer')
    await client.action({ actionType: 'sanity.action.document.delete', publishedId: 'topic-new', includeDrafts: ['drafts.topic-new'] })
    expect(await docs('topic-new', 'drafts.topic-new')).toEqual({ 'topic-new': undefined, 'drafts.topic-new': undefined })
    await lake.compact()
    expect(fileDocs().has('topic-new') || fileDocs().has('drafts.topic-new')).toBe(false)

    // What the Studio's history panel lists, newest first, from the transaction log.
    type Event = { type: string; documentId: string; revisionId?: string; versionRevisionId?: string }
    const events = async (id: string) =>
      (await client.request<{ events: Record<string, Event[]> }>({ uri: `/data/history/production/events/documents/${id}` })).events[id]!
    const strategy = await events('drafts.topic-strategy')
    expect(strategy.map((e) => e.type)).toEqual([
      'deleteDocumentVersion',
      'unpublishDocument',
      'publishDocumentVersion',
      'createDocumentVersion',
      'createLiveDocument',
    ])
    expect(strategy[2]).toMatchObject({
      documentId: 'topic-strategy',
      revisionId: publish.transactionId,
      versionRevisionId: edited.transactionId,
    })
    expect(strategy[4]).toMatchObject({ revisionId: published!._rev })
    expect((await events('topic-new')).map((e) => e.type)).toEqual([
      'deleteDocumentGroup',
      'createDocumentVersion',
      'publishDocumentVersion',
      'createDocumentVersion',
    ])
    const page = await client.request<{ events: Record<string, Event[]>; nextCursor: string }>({
      uri: '/data/history/production/events/documents/topic-new?limit=3',
    })
    expect(page.events['topic-new']).toHaveLength(3)
    const rest = await client.request<{ events: Record<string, Event[]>; nextCursor: string }>({
      uri: `/data/history/production/events/documents/topic-new?limit=3&nextCursor=${page.nextCursor}`,
    })
    expect([rest.events['topic-new']!.map((e) => e.type), rest.nextCursor]).toEqual([['createDocumentVersion'], ''])
  })

  it('applies key paths, insert and diffMatchPatch in an edit of an existing draft', async () => {
    await client.action(
      edit('article-boards', {
        set: { 'body[_key=="p1"].children[_key=="p1s"].text': 'Why boards matter now' },
        insert: { after: 'authors[-1]', items: [{ _type: 'reference', _ref: 'author-ben', _key: 'a2' }] },
      }),
    )
    await client.action(edit('article-boards', { diffMatchPatch: { title: '@@ -1,4 +1,4 @@\n-How\n+Why\n' } }))
    const { 'drafts.article-boards': draft } = await docs('drafts.article-boards')
    expect(draft?.title).toBe('Why boards learn (draft)')
    expect((draft?.authors as Array<{ _ref: string }>).map((a) => a._ref)).toEqual(['author-ada', 'author-ben'])
    expect(JSON.stringify(draft?.body)).toContain('Why boards matter now')
  })

  it("accepts the Studio's upload progress on an image field (_upload) and its removal", async () => {
    await client.action(
      edit('author-ben', {
        setIfMissing: { photo: { _type: 'image' } },
        set: { 'photo._upload': { progress: 2, updatedAt: '2026-01-01T00:00:00Z' } },
      }),
    )
    expect((await docs('drafts.author-ben'))['drafts.author-ben']?.photo).toEqual({
      _type: 'image',
      _upload: { progress: 2, updatedAt: '2026-01-01T00:00:00Z' },
    })
    await client.action(edit('author-ben', { unset: ['photo._upload'] }))
    expect((await docs('drafts.author-ben'))['drafts.author-ben']?.photo).toEqual({ _type: 'image' })
  })

  it('accepts the marker the Studio puts on a new array item while its initial value resolves (_resolvingInitialValue)', async () => {
    await client.action(
      edit('article-boards', {
        insert: { after: 'topics[-1]', items: [{ _key: 'new1', _type: 'reference', _resolvingInitialValue: true }] },
      }),
    )
    const added = () =>
      (docs('drafts.article-boards') as Promise<Record<string, { topics?: Array<Record<string, unknown>> }>>).then((found) =>
        found['drafts.article-boards']?.topics?.find((topic) => topic._key === 'new1'),
      )
    expect(await added()).toEqual({ _key: 'new1', _type: 'reference', _resolvingInitialValue: true })
    await client.action(edit('article-boards', { unset: ['topics[_key=="new1"]._resolvingInitialValue'] }))
    expect(await added()).toEqual({ _key: 'new1', _type: 'reference' })
    await client.action(edit('article-boards', { unset: ['topics[_key=="new1"]'] }))
  })

  it('refuses a publish whose ifPublishedRevisionId does not match with a 409 and changes nothing', async () => {
    await client.action(edit('topic-strategy', { set: { title: 'Changed' } }))
    const before = readFileSync(file, 'utf8')
    const state = await docs('topic-strategy', 'drafts.topic-strategy')
    const { status, body } = await post('/v2025-02-19/data/actions/production', {
      actions: [
        {
          actionType: 'sanity.action.document.publish',
          draftId: 'drafts.topic-strategy',
          publishedId: 'topic-strategy',
          ifPublishedRevisionId: 'stale',
        },
      ],
    })
    expect(status).toBe(409)
    expect(body.error?.description).toContain('unexpected revision')
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(await docs('topic-strategy', 'drafts.topic-strategy')).toEqual(state)
    // Through the client it is an error with the status.
    await expect(
      client.action({
        actionType: 'sanity.action.document.publish',
        draftId: 'drafts.topic-strategy',
        publishedId: 'topic-strategy',
        ifDraftRevisionId: 'stale',
      }),
    ).rejects.toMatchObject({ statusCode: 409 })
  })

  it('applies all actions of a request or none', async () => {
    const before = readFileSync(file, 'utf8')
    const { status } = await post('/v2025-02-19/data/actions/production', {
      actions: [
        edit('topic-strategy', { set: { title: 'Half' } }),
        { actionType: 'sanity.action.document.discard', draftId: 'drafts.topic-missing' },
      ],
    })
    expect(status).toBe(409)
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect((await docs('drafts.topic-strategy'))['drafts.topic-strategy']).toBeUndefined()
  })

  it('refuses hostile patches, unknown actions and reused transaction ids with nothing written', async () => {
    const before = readFileSync(file, 'utf8')
    const hostile = await post('/v2025-02-19/data/actions/production', {
      actions: [edit('topic-strategy', { set: { '__proto__.polluted': true } })],
    })
    expect(hostile.status).toBe(400)
    expect(hostile.body.error?.type).toBe('actionError')
    const unknown = await post('/v2025-02-19/data/actions/production', { actions: [{ actionType: 'sanity.action.document.nope' }] })
    expect(unknown.status).toBe(400)
    const wrongPair = await post('/v2025-02-19/data/actions/production', {
      actions: [{ ...edit('topic-strategy', { set: { title: 'x' } }), draftId: 'drafts.topic-leadership' }],
    })
    expect(wrongPair.status).toBe(400)
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    const { transactionId } = await client.action(edit('topic-strategy', { set: { title: 'Once' } }), { transactionId: 'tx-once' })
    expect(transactionId).toBe('tx-once')
    await expect(client.action(edit('topic-strategy', { set: { title: 'Twice' } }), { transactionId: 'tx-once' })).rejects.toMatchObject({
      statusCode: 409,
    })
  })

  it('does not write on a dry run, and create with ifExists ignore leaves the draft', async () => {
    const before = readFileSync(file, 'utf8')
    await client.action(edit('topic-strategy', { set: { title: 'Dry' } }), { dryRun: true })
    expect(readFileSync(file, 'utf8')).toBe(before)
    const create = {
      actionType: 'sanity.action.document.create' as const,
      publishedId: 'article-boards',
      attributes: { _id: 'drafts.article-boards', _type: 'article', title: 'Other' },
    }
    await client.action({ ...create, ifExists: 'ignore' })
    expect((await docs('drafts.article-boards'))['drafts.article-boards']?.title).toBe('How boards learn (draft)')
    await expect(client.action({ ...create, ifExists: 'fail' })).rejects.toMatchObject({ statusCode: 409 })
  })
})

describe('listener events', () => {
  it('sends mutation events with mendoza effects, mutations, revisions and transaction counts', async () => {
    const ids = ['topic-strategy', 'drafts.topic-strategy']
    const events: MutationEvent[] = []
    let welcomed: () => void
    const welcome = new Promise<void>((resolve) => (welcomed = resolve))
    const subscription = client
      .listen('*[_id in $ids]', { ids }, { events: ['welcome', 'mutation'], effectFormat: 'mendoza' })
      .subscribe((event) => (event.type === 'welcome' ? welcomed() : event.type === 'mutation' && events.push(event as MutationEvent)))
    try {
      await welcome
      const { 'topic-strategy': published } = await docs('topic-strategy')
      const edited = await client.action(edit('topic-strategy', { set: { title: 'Heard' } }))
      const draft = (await docs('drafts.topic-strategy'))['drafts.topic-strategy']!
      const published2 = await client.action({
        actionType: 'sanity.action.document.publish',
        draftId: 'drafts.topic-strategy',
        publishedId: 'topic-strategy',
      })
      await waitFor(() => events.length >= 3)

      const [created, ...publishEvents] = events
      expect(created).toMatchObject({
        documentId: 'drafts.topic-strategy',
        transactionId: edited.transactionId,
        resultRev: edited.transactionId,
        transition: 'appear',
        transactionTotalEvents: 1,
        transactionCurrentEvent: 1,
        identity: 'local-editor',
        visibility: 'query',
      })
      expect(created!.previousRev).toBeUndefined()
      // The effects turn the previous state into the new one, as the Studio applies them (without _rev).
      const withoutRev = (doc: Doc | undefined) => doc && Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_rev'))
      expect(applyPatch(null, created!.effects!.apply)).toEqual(withoutRev(draft))
      expect(applyPatch(withoutRev(draft), created!.effects!.revert)).toBeNull()

      expect(publishEvents.map((e) => [e.documentId, e.transition, e.transactionCurrentEvent, e.transactionTotalEvents])).toEqual(
        expect.arrayContaining([
          ['drafts.topic-strategy', 'disappear', expect.any(Number), 2],
          ['topic-strategy', 'update', expect.any(Number), 2],
        ]),
      )
      expect(publishEvents.map((e) => e.transactionCurrentEvent).sort()).toEqual([1, 2])
      const update = publishEvents.find((e) => e.documentId === 'topic-strategy')!
      expect(update).toMatchObject({ previousRev: published!._rev, resultRev: published2.transactionId })
      const after = (await docs('topic-strategy'))['topic-strategy']!
      expect(applyPatch(withoutRev(published), update.effects!.apply)).toEqual(withoutRev(after))
      expect(applyPatch(withoutRev(after), update.effects!.revert)).toEqual(withoutRev(published))
      // The mutations, applied by the Studio's own engine to the previous document, give the new one.
      expect(new Mutation(update as never).apply(published as never)).toEqual(after)
      const gone = publishEvents.find((e) => e.documentId === 'drafts.topic-strategy')!
      expect(gone).toMatchObject({ previousRev: edited.transactionId, resultRev: published2.transactionId, effects: { apply: [0, null] } })
      expect(new Mutation(gone as never).apply(draft as never)).toBeNull()
    } finally {
      subscription.unsubscribe()
    }
  })
})

describe("the Studio's document buffer", () => {
  it('sees its own edit come back as the same transaction and stays consistent, with no rebase', async () => {
    const draftId = 'drafts.topic-strategy'
    const events: MutationEvent[] = []
    let welcomed: () => void
    const welcome = new Promise<void>((resolve) => (welcomed = resolve))
    const subscription = client
      .listen('*[_id == $id]', { id: draftId }, { events: ['welcome', 'mutation'], effectFormat: 'mendoza' })
      .subscribe((event) => (event.type === 'welcome' ? welcomed() : event.type === 'mutation' && events.push(event as MutationEvent)))
    try {
      await welcome
      const { 'topic-strategy': published } = await docs('topic-strategy')
      // @sanity/mutator's BufferedDocument is what the Studio edits a draft through; it commits
      // as the Studio's toActions does: createIfNotExists is dropped, a patch becomes an edit action.
      const buffer = new BufferedDocument(null)
      const rebases: unknown[] = []
      buffer.onRebase = (...args) => rebases.push(args)
      buffer.commitHandler = ({ mutation, success, failure }) => {
        const patches = mutation.mutations.flatMap((m) => (m.patch ? [{ ...m.patch, id: undefined }] : []))
        const actions = patches.map((patch) => edit('topic-strategy', patch))
        client.action(actions, { transactionId: mutation.transactionId }).then(success, failure)
      }
      buffer.add(
        new Mutation({
          mutations: [{ createIfNotExists: { ...published!, _id: draftId } }, { patch: { id: draftId, set: { title: 'Buffered' } } }],
        }),
      )
      await buffer.commit()
      await waitFor(() => events.length >= 1)
      buffer.arrive(new Mutation(events[0] as never))
      const { [draftId]: draft } = await docs(draftId)
      expect(draft?.title).toBe('Buffered')
      expect(rebases).toEqual([])
      expect(buffer.document.HEAD).toEqual(draft)
      // LOCAL keeps its own optimistic stamps; its content is the server's.
      const content = (doc: unknown) => ({ ...(doc as Doc), _rev: undefined, _updatedAt: undefined })
      expect(content(buffer.LOCAL)).toEqual(content(draft))
    } finally {
      subscription.unsubscribe()
    }
  })
})

describe('listener options', () => {
  it('leaves out result and mutations when asked to, and sends previous when asked to', async () => {
    const query = new URLSearchParams({
      query: '*[_id == "topic-strategy"]',
      includeResult: 'false',
      includeMutations: 'false',
      includePreviousRevision: 'true',
    })
    const abort = new AbortController()
    const res = await fetch(`${lake.url}/v2025-02-19/data/listen/production?${query}`, { signal: abort.signal })
    const reader = res.body!.getReader()
    let text = ''
    const readUntil = async (marker: string) => {
      while (!text.includes(marker)) text += new TextDecoder().decode((await reader.read()).value)
    }
    try {
      await readUntil('event: welcome')
      const { 'topic-strategy': before } = await docs('topic-strategy')
      await client.patch('topic-strategy').set({ title: 'Quiet' }).commit()
      await readUntil('event: mutation')
      await readUntil('\n\n')
      const data = JSON.parse(/event: mutation\nid: [^\n]*\ndata: ([^\n]*)/.exec(text)![1]!) as Record<string, unknown>
      expect(data).toMatchObject({ documentId: 'topic-strategy', previous: before, transactionTotalEvents: 1 })
      expect(data).not.toHaveProperty('result')
      expect(data).not.toHaveProperty('mutations')
      expect(data).not.toHaveProperty('effects')
    } finally {
      abort.abort()
    }
  })
})

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('image uploads', () => {
  const png = () =>
    sharp({ create: { width: 3, height: 2, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 1 } } })
      .png()
      .toBuffer()
  const imageFiles = () => readdirSync(join(dir, 'images')).filter((name) => !name.startsWith('.'))

  it('stores the same bytes once and answers the same asset document', async () => {
    const bytes = await png()
    const filesBefore = imageFiles()
    const first = await client.assets.upload('image', bytes, { filename: 'green.png' })
    const second = await client.assets.upload('image', bytes, { filename: 'other-name.png' })
    expect(first._id).toMatch(/^image-[a-f0-9]{40}-3x2-png$/)
    expect(second._id).toBe(first._id)
    expect(first).toMatchObject({
      _type: 'sanity.imageAsset',
      extension: 'png',
      mimeType: 'image/png',
      size: bytes.length,
      originalFilename: 'green.png',
      metadata: { dimensions: { width: 3, height: 2, aspectRatio: 1.5 } },
    })
    expect((first.metadata as { lqip?: string }).lqip).toMatch(/^data:image\//)
    expect(first.sha1hash).toBe(first.assetId)
    expect(imageFiles()).toEqual([...filesBefore, `${first.sha1hash}-3x2.png`].sort())
    expect(readFileSync(join(dir, 'images', `${first.sha1hash}-3x2.png`)).equals(bytes)).toBe(true)
    // The asset is a document of the dataset, and the file is served.
    expect((await docs(first._id))[first._id]?._id).toBe(first._id)
    const served = await fetch(`${lake.url}/images/local/production/${first.sha1hash}-3x2.png`)
    expect(served.status).toBe(200)
  })

  it('keeps an image field that references an upload through a write and a restart, in export format', async () => {
    const asset = await client.assets.upload('image', await png(), { filename: 'green.png' })
    const imageField = { _type: 'image', asset: { _type: 'reference', _ref: asset._id } }
    await client.action(edit('author-ben', { set: { photo: imageField } }))
    await client.action({ actionType: 'sanity.action.document.publish', draftId: 'drafts.author-ben', publishedId: 'author-ben' })

    await lake.compact()
    const written = fileDocs()
    expect(written.has(asset._id)).toBe(false)
    expect(written.get('author-ben')?.photo).toEqual({ _sanityAsset: `image@file://./images/${asset.sha1hash}-3x2.png`, _type: 'image' })

    await lake.close()
    await start()
    const photo = await client.fetch<{ asset: Record<string, unknown> }>('*[_id == "author-ben"][0].photo{asset->}')
    expect(photo.asset).toMatchObject({ _id: asset._id, originalFilename: 'green.png', metadata: { dimensions: { width: 3, height: 2 } } })
  })

  it('refuses bodies that are not images, too large, or of a form type, storing nothing', async () => {
    const filesBefore = imageFiles()
    const before = readFileSync(file, 'utf8')
    const upload = (body: Buffer | string, type: string): Promise<Response> =>
      fetch(`${lake.url}/v2025-02-19/assets/images/production`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      })
    expect((await upload('not an image', 'image/png')).status).toBe(415)
    expect((await upload(await png(), 'text/plain')).status).toBe(415)
    expect((await upload(Buffer.alloc(21 * 1024 * 1024), 'image/png')).status).toBe(413)
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script></svg>'
    expect((await upload(svg, 'image/svg+xml')).status).toBe(415)
    expect((await fetch(`${lake.url}/v2025-02-19/assets/images/nope`, { method: 'POST', body: await png() })).status).toBe(404)
    expect(imageFiles()).toEqual(filesBefore)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })
})

describe('fixed answers the Studio reads', () => {
  const get = <T>(uri: string) => client.request<T>({ uri })

  it('answers who the user is and what they may do', async () => {
    expect(await get('/users/me')).toMatchObject({ id: 'local-editor', name: 'Local editor', role: 'administrator' })
    expect(await get('/users/local-editor,someone-else')).toEqual([
      expect.objectContaining({ id: 'local-editor', displayName: 'Local editor' }),
    ])
    const acl = await get<Array<{ filter: string; permissions: string[] }>>('/projects/local/datasets/production/acl')
    expect(acl).toEqual([{ filter: '_id in path("**")', permissions: expect.arrayContaining(['read', 'create', 'update', 'history']) }])
    await expect(get('/projects/local/datasets/nope/acl')).rejects.toMatchObject({ statusCode: 404 })
    expect(await get('/projects/local/grants')).toEqual({})
    expect(await get('/projects/local/roles')).toEqual([expect.objectContaining({ name: 'administrator' })])
  })

  it('answers the project, its datasets and the hosted services', async () => {
    expect(await get('/projects/local')).toMatchObject({
      id: 'local',
      isBlocked: false,
      metadata: expect.any(Object),
      members: [expect.objectContaining({ id: 'local-editor', role: 'administrator' })],
    })
    expect(await get('/projects/local/datasets')).toEqual([expect.objectContaining({ name: 'production', aclMode: 'public' })])
    expect(await get('/projects/local/user-applications')).toEqual([])
    expect(await get('/features')).toEqual([])
    expect(await get('/journey/announcements')).toEqual([])
    expect(await get('/help')).toEqual({ resources: [] })
    expect(await get('/intake/telemetry-status')).toEqual({ status: 'denied' })
    expect(await client.request({ uri: '/descriptors/claim', method: 'POST', body: { descriptorId: 'x', contextKey: 'y' } })).toEqual({
      synchronization: { type: 'complete' },
    })
    expect(await get('/ping')).toBe('PONG')
    expect(await get('/data/ping/production')).toEqual({ ok: true })
    await expect(get('/no/such/route')).rejects.toMatchObject({ statusCode: 404 })
  })

  it('keeps key-value pairs in memory', async () => {
    expect(await get('/users/me/keyvalue/a,b')).toEqual([
      { key: 'a', value: null },
      { key: 'b', value: null },
    ])
    expect(await client.request({ uri: '/users/me/keyvalue', method: 'PUT', body: [{ key: 'a', value: { x: 1 } }] })).toEqual([
      { key: 'a', value: { x: 1 } },
    ])
    expect(await get('/users/me/keyvalue/a')).toEqual([{ key: 'a', value: { x: 1 } }])
  })

  it("answers a document's transactions and its states at each revision from the transaction log, across a restart", async () => {
    const transactions = async (ids: string, query = '') => {
      const res = await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions/${ids}?effectFormat=mendoza&${query}`)
      expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
      return (await res.text())
        .split('\n')
        .filter(Boolean)
        .map(
          (line) =>
            JSON.parse(line) as {
              id: string
              author: string
              documentIDs: string[]
              effects: Record<string, { apply: unknown; revert: unknown }>
            },
        )
    }
    const { 'topic-strategy': original } = await docs('topic-strategy')
    // From the dataset file, no transaction yet: one entry, the document as loaded, with its _rev as id.
    const loaded = await transactions('topic-strategy,drafts.topic-strategy')
    expect(loaded.map((tx) => [tx.id, tx.documentIDs])).toEqual([[original!._rev, ['topic-strategy']]])
    expect(applyPatch(null, loaded[0]!.effects['topic-strategy']!.apply as never)).toEqual({ ...original, _rev: undefined })

    const first = await client.patch('topic-strategy').set({ title: 'Strategy, first' }).commit()
    const second = await client.patch('topic-strategy').set({ title: 'Strategy, second' }).commit()
    const check = async () => {
      const list = await transactions('topic-strategy,drafts.topic-strategy', 'reverse=true&excludeContent=true&excludeMutations=true')
      expect(list.map((tx) => tx.id)).toEqual([second._rev, first._rev, original!._rev])
      expect(list[0]!.author).toBe('local-editor')
      // Reverting the newest transaction's effect from the current state gives the state before it.
      const current = { ...(await docs('topic-strategy'))['topic-strategy']!, _rev: undefined }
      const reverted = applyPatch(current, list[0]!.effects['topic-strategy']!.revert as never) as Doc
      expect(reverted.title).toBe('Strategy, first')
      expect((applyPatch(reverted, list[1]!.effects['topic-strategy']!.revert as never) as Doc).title).toBe(original!.title)
      // The Studio pages back from the earliest transaction it has: inclusive, newest first.
      expect((await transactions('topic-strategy', `reverse=true&toTransaction=${first._rev}&limit=1`)).map((tx) => tx.id)).toEqual([
        first._rev,
      ])
      const at = async (query: string) =>
        (await get<{ documents: Doc[] }>(`/data/history/production/documents/topic-strategy?${query}`)).documents.map((d) => d.title)
      expect(await at(`revision=${first._rev}`)).toEqual(['Strategy, first'])
      expect(await at(`revision=${original!._rev}`)).toEqual([original!.title])
      expect(await at(`revision=${second._rev}`)).toEqual(['Strategy, second'])
      expect(await at('revision=no-such-revision')).toEqual([])
      expect(await at(`time=${new Date().toISOString()}`)).toEqual(['Strategy, second'])
    }
    await check()
    // Compacted into the file and the history, then read back by a new lake.
    await lake.close()
    await start()
    await check()
    for (const query of ['limit=-1', 'limit=x', 'fromTime=yesterday']) {
      const res = await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions/topic-strategy?${query}`)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
    }
  })

  it('answers history and references with what the lake knows', async () => {
    const { 'topic-strategy': topic } = await docs('topic-strategy')
    const history = await get<{ documents: Doc[] }>(
      `/data/history/production/documents/topic-strategy,drafts.topic-strategy?revision=${topic!._rev}`,
    )
    expect(history.documents).toEqual([topic])
    expect(await get('/data/history/production/documents/topic-strategy?revision=other')).toEqual({ documents: [] })
    expect(await get('/data/references/production/documents/topic-strategy/to?excludeInternalReferences=true')).toEqual({
      totalCount: 0,
      references: [],
    })
  })
})

describe('a foreign origin', () => {
  it('cannot run actions or upload, and nothing is written', async () => {
    const before = readFileSync(file, 'utf8')
    const filesBefore = readdirSync(join(dir, 'images'))
    const origin = { origin: 'http://evil.example' }
    const action = await post(
      '/v2025-02-19/data/actions/production',
      { actions: [edit('topic-strategy', { set: { title: 'Owned' } })] },
      origin,
    )
    expect(action.status).toBe(403)
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#f00' } })
      .png()
      .toBuffer()
    const upload = await fetch(`${lake.url}/v2025-02-19/assets/images/production`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', ...origin },
      body: png,
    })
    expect(upload.status).toBe(403)
    const keyvalue = await fetch(`${lake.url}/v2025-02-19/users/me`, { headers: origin })
    expect(keyvalue.status).toBe(403)
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(readdirSync(join(dir, 'images'))).toEqual(filesBefore)
    expect(existsSync(join(dir, 'assets.json'))).toBe(false)
  })
})

describe('the Presentation tool', () => {
  it('subscribes to live events: a welcome, and the stream stays open', async () => {
    const abort = new AbortController()
    const response = await fetch(`${lake.url}/v2025-02-19/data/live/events/production?includeDrafts=true`, { signal: abort.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: welcome\ndata: {}\n\n')
    abort.abort()
  })

  it('is told its origin may use the API (the CORS probe), and a live stream on an unknown dataset is a 404', async () => {
    const probe = await fetch(`${lake.url}/v2025-02-19/check/cors`)
    expect(await probe.json()).toEqual({ result: { allowed: true, withCredentials: true } })
    expect((await fetch(`${lake.url}/v2025-02-19/data/live/events/nope`)).status).toBe(404)
  })
})
