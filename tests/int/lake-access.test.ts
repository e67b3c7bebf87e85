/**
 * The lake guards drafts as Sanity's Content Lake guards a public dataset (lake/access.ts): a
 * request without the token sees published documents only and may not write, listen, read
 * history or use the Studio's API; with the token it may do everything.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import WebSocket from 'ws'

import { startLake, type Lake } from '@/lake'
import { localLakeToken } from '@/lake/access'

import { datasetWith, lakeClient, testLakeToken } from '../helpers/lake'

const TOKEN = testLakeToken()
const SECRET_DOC = { _id: 'sanity-preview-url-secret.abc', _type: 'sanity.previewUrlSecret', secret: 'do-not-show', studioUrl: '/studio' }
const V = '/v2025-02-19'

let lake: Lake

beforeAll(async () => {
  lake = await startLake({ token: TOKEN, port: 0, datasets: { production: datasetWith([SECRET_DOC]) }, watch: false, log: () => {} })
}, 60_000)

afterAll(() => lake?.close())

const bearer = (token = TOKEN) => ({ authorization: `Bearer ${token}` })
const ids = 'array::compact(*[_id in path("drafts.**") || _id in path("sanity-preview-url-secret.**")]._id)'

describe('a request without the token', () => {
  it.each(['raw', 'drafts', 'published'])('sees no draft and no dotted document in the %s perspective', async (perspective) => {
    const anonymous = lakeClient(lake.url, { perspective: perspective as 'raw' })
    expect(await anonymous.fetch(ids)).toEqual([])
    // The draft-only article is not there; the published one shows its published title.
    expect(await anonymous.fetch('*[slug.current == "managers-in-the-middle"][0]')).toBeNull()
    expect(await anonymous.fetch('*[slug.current == "board-questions-cyber-risk"][0].title')).toBe(
      'Five questions every board should ask about cyber risk',
    )
  })

  it('is told a draft id is not its to see, by /data/doc', async () => {
    const response = await fetch(`${lake.url}${V}/data/doc/production/article-board-questions-cyber,drafts.article-board-questions-cyber`)
    const body = (await response.json()) as { documents: Array<{ _id: string }>; omitted: unknown[] }
    expect(body.documents.map((doc) => doc._id)).toEqual(['article-board-questions-cyber'])
    expect(body.omitted).toEqual([{ id: 'drafts.article-board-questions-cyber', reason: 'permission' }])
  })

  it.each([
    ['POST', `${V}/data/mutate/production`, { mutations: [{ delete: { id: 'siteSettings' } }] }],
    ['POST', `${V}/data/actions/production`, { actions: [{ actionType: 'sanity.action.document.delete', publishedId: 'siteSettings' }] }],
    ['GET', `${V}/data/listen/production?query=*`, undefined],
    ['GET', `${V}/data/history/production/documents/siteSettings`, undefined],
    ['GET', `${V}/mux`, undefined],
    ['GET', `${V}/users/me`, undefined],
    ['GET', `${V}/projects/local/datasets/production/acl`, undefined],
  ])('gets a 401 for %s %s, and nothing changes', async (method, path, body) => {
    for (const headers of [{}, bearer('a-wrong-token-of-enough-length'), { authorization: `Basic ${TOKEN}` }]) {
      const response = await fetch(`${lake.url}${path}`, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      expect(response.status).toBe(401)
      expect(((await response.json()) as { error: { description: string } }).error.description).toMatch(/needs the lake's token/)
    }
    expect(await lakeClient(lake.url).fetch('count(*[_id == "siteSettings"])')).toBe(1)
  })

  it('may not open the presence socket', async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${lake.url.replace('http', 'ws')}${V}/socket/production`)
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      socket.on('open', () => resolve(101))
      socket.on('error', () => resolve(-1))
    })
    expect(status).toBe(401)
  })

  it('still gets the image files (they are public, as on the CDN)', async () => {
    const asset = (await lakeClient(lake.url).fetch('*[_type == "sanity.imageAsset"][0].path')) as string
    const response = await fetch(`${lake.url}/${asset}`)
    expect(response.status).toBe(200)
  })
})

describe('a request with the token', () => {
  it('sees drafts and system documents, writes, and reads history', async () => {
    const editor = lakeClient(lake.url, { token: TOKEN, perspective: 'raw' })
    expect(((await editor.fetch(ids)) as string[]).sort()).toEqual([
      'drafts.article-board-questions-cyber',
      'drafts.article-managers-in-the-middle',
      'sanity-preview-url-secret.abc',
    ])
    const drafts = lakeClient(lake.url, { token: TOKEN, perspective: 'drafts' })
    expect(await drafts.fetch('*[slug.current == "board-questions-cyber-risk"][0].title')).toBe(
      'Six questions every board should ask about cyber risk',
    )
    await editor.create({ _id: 'topic-access', _type: 'topic', title: 'Written with the token' })
    expect(await lakeClient(lake.url).fetch('*[_id == "topic-access"][0].title')).toBe('Written with the token')
    const history = await fetch(`${lake.url}${V}/data/history/production/documents/topic-access`, { headers: bearer() })
    expect(history.status).toBe(200)
  })

  it('listens through the mux: its subscriptions carry the token of the channel', async () => {
    const abort = new AbortController()
    const response = await fetch(`${lake.url}${V}/mux`, { headers: bearer(), signal: abort.signal })
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    const channel = (JSON.parse(/data: (.*)/.exec(first)![1]!) as { channel: string }).channel
    const open = await fetch(`${lake.url}${V}/mux/${channel}`, {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ open: { id: 'a', path: `${V}/data/listen/production?query=*` } }),
    })
    expect(open.status).toBe(200)
    let text = ''
    while (!text.includes('event: opened') && !text.includes('event: fail')) text += new TextDecoder().decode((await reader.read()).value)
    expect(text).toContain('event: opened')
    abort.abort()
  })
})

describe('the lake refuses to start', () => {
  it('with a token anyone could guess', async () => {
    await expect(startLake({ token: 'short', port: 0, datasets: { production: datasetWith([]) }, watch: false })).rejects.toThrow(
      /at least 24 characters/,
    )
  })
})

describe('the local token (embedded default)', () => {
  it('is made once, readable by its user only, and SANITY_LAKE_TOKEN wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lake-token-'))
    try {
      const file = join(dir, '.lake-token')
      const made = localLakeToken({}, file)
      expect(made.length).toBeGreaterThanOrEqual(24)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(localLakeToken({}, file)).toBe(made)
      expect(readFileSync(file, 'utf8').trim()).toBe(made)
      expect(localLakeToken({ SANITY_LAKE_TOKEN: TOKEN }, file)).toBe(TOKEN)
      writeFileSync(file, 'guessable\n')
      expect(() => localLakeToken({}, file)).toThrow(/at least 24 characters/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('that cannot be made says to set SANITY_LAKE_TOKEN (a container whose folder is not its own)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lake-token-'))
    try {
      // A folder that cannot be written: here, one that is a file (root writes anywhere else).
      const notAFolder = join(dir, 'app')
      writeFileSync(notAFolder, '')
      expect(() => localLakeToken({}, join(notAFolder, '.lake-token'))).toThrow(
        /SANITY_LAKE_TOKEN is not set and the lake's token file .*app\/\.lake-token cannot be made or read \(ENOTDIR.*Set SANITY_LAKE_TOKEN/,
      )
      expect(localLakeToken({ SANITY_LAKE_TOKEN: TOKEN }, join(notAFolder, '.lake-token'))).toBe(TOKEN)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
