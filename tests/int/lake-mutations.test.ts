/**
 * Writes a client must not be able to make, and the bookkeeping every write carries: a hostile
 * patch is a 400 with nothing written (the file still loads, later patches still work), documents
 * get the stamps the Content Lake gives them, and a transaction id cannot be reused to defeat
 * `ifRevisionID`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SanityClient } from '@sanity/client'

import { startLake, type Lake } from '@/lake'

import { lakeClient } from '../helpers/lake'

const fixture = join(__dirname, '../fixtures/lake')

let dir: string
let file: string
let lake: Lake
let client: SanityClient

const clientFor = (url: string) => lakeClient(url)

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-mutations-'))
  cpSync(fixture, dir, { recursive: true })
  file = join(dir, 'data.ndjson')
  lake = await startLake({ token: null, port: 0, datasets: { production: file }, watch: false, log: () => {} })
  client = clientFor(lake.url)
})

afterEach(async () => {
  await lake.close()
  rmSync(dir, { recursive: true, force: true })
})

async function mutate(
  mutations: unknown[],
  search = '',
): Promise<{ status: number; body: { error?: { type: string; description: string } } }> {
  const res = await fetch(`${lake.url}/v2025-02-19/data/mutate/production${search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mutations }),
  })
  return { status: res.status, body: await res.json() }
}

describe('hostile patches and documents', () => {
  const hostile: Array<[string, unknown]> = [
    ['a set through __proto__', { patch: { id: 'siteSettings', set: { '__proto__.polluted': true } } }],
    ['a set on constructor.prototype', { patch: { id: 'siteSettings', set: { 'constructor.prototype.polluted': true } } }],
    ['a setIfMissing on __proto__', JSON.parse('{"patch": {"id": "siteSettings", "setIfMissing": {"__proto__": {"polluted": true}}}}')],
    ['an unset of a prototype path', { patch: { id: 'siteSettings', unset: ['title.__proto__'] } }],
    ['a path that is not a Sanity path', { patch: { id: 'siteSettings', set: { 'title..x[*]': 1 } } }],
    ['an export-format asset field', { patch: { id: 'siteSettings', set: { 'logo._sanityAsset': 'image@file://./images/x.png' } } }],
    ['a system attribute', { patch: { id: 'siteSettings', set: { _rev: 'mine' } } }],
    [
      'a reserved key inside a value',
      { patch: { id: 'siteSettings', set: { logo: { _type: 'image', _sanityAsset: 'image@file://./images/x.png' } } } },
    ],
    ['a __proto__ key inside a value', { patch: { id: 'siteSettings', set: { logo: JSON.parse('{"__proto__": {"polluted": true}}') } } }],
    [
      'a document with a reserved key',
      { create: { _id: 'topic-x', _type: 'topic', nested: { _sanityAsset: 'image@file://./images/x.png' } } },
    ],
    ['a document with an invalid id', { create: { _id: 'topic x/../y', _type: 'topic' } }],
    ['a patch of an invalid id', { patch: { id: '../siteSettings', set: { title: 'x' } } }],
  ]

  it.each(hostile)('refuses %s with a 400 mutationError and writes nothing', async (_name, mutation) => {
    const before = readFileSync(file, 'utf8')
    const { status, body } = await mutate([mutation])
    expect(status).toBe(400)
    expect(body.error?.type).toBe('mutationError')
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps working after them: later patches apply, and the file still loads in a new lake', async () => {
    for (const [, mutation] of hostile) await mutate([mutation])
    await client.patch('siteSettings').set({ title: 'Insights, renamed' }).commit()
    await lake.close()
    lake = await startLake({ token: null, port: 0, datasets: { production: file }, watch: false, log: () => {} })
    expect(await clientFor(lake.url).fetch('*[_id == "siteSettings"][0].title')).toBe('Insights, renamed')
  })

  it('applies the patches the Studio sends: keyed paths, insert, unset', async () => {
    await client
      .patch('siteSettings')
      .setIfMissing({ tags: [] })
      .insert('after', 'tags[-1]', [{ _key: 'a', label: 'one' }])
      .commit()
    await client.patch('siteSettings').set({ 'tags[_key=="a"].label': 'uno' }).unset(['description']).commit()
    expect(await client.fetch('*[_id == "siteSettings"][0]{tags, description}')).toEqual({
      tags: [{ _key: 'a', label: 'uno' }],
      description: null,
    })
  })

  it('applies the text edits the Studio types: diffMatchPatch on a keyed path', async () => {
    await client
      .patch('siteSettings')
      .set({ tags: [{ _key: 'a', label: 'Leadership' }] })
      .commit()
    // What the Studio sends when an editor types " now" at the end of the label.
    await client.patch('siteSettings').diffMatchPatch({ 'tags[_key=="a"].label': '@@ -3,8 +3,12 @@\n adership\n+ now\n' }).commit()
    expect(await client.fetch('*[_id == "siteSettings"][0].tags[0].label')).toBe('Leadership now')
    const { status, body } = await mutate([{ patch: { id: 'siteSettings', diffMatchPatch: { 'tags[_key=="a"].label': 42 } } }])
    expect(status).toBe(400)
    expect(body.error?.type).toBe('mutationError')
  })
})

describe('stamps', () => {
  it('gives every document _createdAt, _updatedAt and _rev at load, without writing them into untouched documents', async () => {
    const inFile = (id: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .find((d) => d._id === id)
    const author = inFile('author-ada')
    expect(author._rev).toBeUndefined()
    const doc = await client.fetch('*[_id == "author-ada"][0]{_createdAt, _updatedAt, _rev}')
    expect(doc._createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(doc._updatedAt).toBe(doc._createdAt)
    expect(doc._rev).toMatch(/^[\w-]{22}$/)

    await client.patch('topic-strategy').set({ title: 'Strategy, revised' }).commit()
    // Writes go to the transaction log; compaction writes the file (after a quiet period, or now).
    expect(await lake.compact()).toBe(true)
    // The fixture is written back in export format (asset refs become _sanityAsset), but without stamps.
    expect(Object.keys(inFile('author-ada'))).toEqual(Object.keys(author))
    expect(inFile('topic-strategy')).toMatchObject({ _createdAt: doc._createdAt, _rev: expect.any(String), _updatedAt: expect.any(String) })
  })
})

describe('API versions', () => {
  it.each(['2025-02-30', '9999-99-99', '2025-2-1', '0000-01-01', 'latest'])('refuses v%s with a 400', async (version) => {
    const res = await fetch(`${lake.url}/v${version}/data/query/production?query=1`)
    expect(res.status).toBe(400)
    expect((await res.json()).error.description).toContain('API version')
  })

  it.each(['1', 'X', '2021-03-25', '2024-02-29'])('accepts v%s', async (version) => {
    expect((await fetch(`${lake.url}/v${version}/data/query/production?query=1`)).status).toBe(200)
  })
})

describe('transaction ids', () => {
  it('refuses a transaction id already used, so ifRevisionID cannot be defeated', async () => {
    const first = await mutate([{ patch: { id: 'topic-strategy', set: { title: 'First' } } }], '?transactionId=tx-one')
    expect(first.status).toBe(200)
    const rev = await client.fetch('*[_id == "topic-strategy"][0]._rev')
    expect(rev).toBe('tx-one')

    // Someone else writes; a client still holding rev "tx-one" must now fail its ifRevisionID.
    const replay = await mutate([{ patch: { id: 'topic-strategy', set: { title: 'Second' } } }], '?transactionId=tx-one')
    expect(replay.status).toBe(409)
    await client.patch('topic-strategy').set({ title: 'Second' }).commit()
    const stale = await mutate([{ patch: { id: 'topic-strategy', ifRevisionID: 'tx-one', set: { title: 'Stale' } } }])
    expect(stale.status).toBe(409)
    expect(await client.fetch('*[_id == "topic-strategy"][0].title')).toBe('Second')
  })

  it('refuses a transaction id equal to a revision loaded from the file', async () => {
    const rev = await client.fetch('*[_id == "author-ada"][0]._rev')
    expect((await mutate([{ patch: { id: 'author-ben', set: { role: 'x' } } }], `?transactionId=${rev}`)).status).toBe(409)
  })
})
