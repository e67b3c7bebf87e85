/**
 * The lake's transaction log (lake/txlog.ts, lake/store.ts): every acknowledged write survives
 * `kill -9`, compaction writes a file that loads on its own, a torn last log line is dropped, the
 * watcher does not take the lake's own compaction for an outside edit, and history answers from the log.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { startLake, type Lake } from '@/lake'
import { DatasetStore } from '@/lake/store'

import { lakeClient, testLakeToken } from '../helpers/lake'

const root = join(__dirname, '../..')
const fixture = join(__dirname, '../fixtures/lake')
const logFile = (dir: string) => join(dir, '.lake', 'data.ndjson.txlog.ndjson')
const quiet = () => undefined

let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lake-txlog-'))
  cpSync(fixture, dir, { recursive: true })
  file = join(dir, 'data.ndjson')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The documents of a store, by id, without the asset documents the file does not hold. */
const byId = (docs: readonly { _id: string }[]) => new Map(docs.map((d) => [d._id, d]))

/** The token the lake run by `npm run lake` (lake/cli.ts) in a child process takes. */
const CHILD_TOKEN = testLakeToken()

function startChild() {
  // One process (node with tsx's loader), so SIGKILL reaches the lake itself, not a launcher.
  const child = spawn(process.execPath, ['--import', 'tsx', 'lake/cli.ts', '--port', '0', '--dataset', file], {
    cwd: root,
    env: { ...process.env, SANITY_LAKE_TOKEN: CHILD_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)
      if (m) resolve(m[1]!)
    })
    exited.then(() => reject(new Error(`lake exited: ${stderr}`)))
  })
  return { child, listening, exited }
}

it('keeps every acknowledged write through kill -9 mid-burst, several times', async () => {
  const acked: string[] = []
  for (let round = 0; round < 3; round++) {
    const lake = startChild()
    const client = lakeClient(await lake.listening, { token: CHILD_TOKEN })
    // Everything acknowledged before is there after the restart.
    const ids = acked.length > 0 ? await client.fetch<string[]>('*[_id in $ids]._id', { ids: acked }, { perspective: 'raw' }) : []
    expect(new Set(ids)).toEqual(new Set(acked))
    let n = 0
    let stop = false
    const writer = async (w: number) => {
      while (!stop) {
        const id = `burst-${round}-${w}-${n++}`
        try {
          await client.createOrReplace({ _id: id, _type: 'note', title: id })
          acked.push(id)
        } catch {
          return // the lake is gone: this write was never acknowledged
        }
      }
    }
    const writers = [0, 1, 2, 3].map(writer)
    const target = acked.length + 40 + round * 17
    while (acked.length < target) await new Promise((r) => setTimeout(r, 5))
    lake.child.kill('SIGKILL')
    await lake.exited
    stop = true
    await Promise.all(writers)
  }
  // A last restart, closed cleanly: compaction writes every write into the file, which loads on its own.
  const lake = startChild()
  const client = lakeClient(await lake.listening, { token: CHILD_TOKEN })
  expect(await client.fetch('count(*[_id in $ids])', { ids: acked }, { perspective: 'raw' })).toBe(acked.length)
  lake.child.kill('SIGTERM')
  await lake.exited
  rmSync(join(dir, '.lake'), { recursive: true, force: true })
  const store = new DatasetStore('production', file, quiet)
  const loaded = byId(store.documents)
  store.close()
  for (const id of acked) expect(loaded.get(id)).toMatchObject({ _id: id, title: id })
}, 120_000)

describe('with the lake in process', () => {
  let lake: Lake
  const logs: string[] = []
  const start = async (watch = false) => {
    lake = await startLake({
      token: null,
      port: 0,
      datasets: { production: file },
      watch,
      log: (m) => logs.push(m),
      compaction: { quietMs: 60_000 },
    })
    return lakeClient(lake.url)
  }
  beforeEach(() => {
    logs.length = 0
  })
  afterEach(() => lake.close())

  it('logs each write instead of rewriting the file, and compaction writes a file that loads without the log', async () => {
    const client = await start()
    const before = readFileSync(file, 'utf8')
    await client.patch('topic-strategy').set({ title: 'Strategy, logged' }).commit()
    await client.create({ _id: 'note-1', _type: 'note', title: 'one' })
    await client.delete('topic-leadership')
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(readFileSync(logFile(dir), 'utf8').trim().split('\n')).toHaveLength(3)

    expect(await lake.compact()).toBe(true)
    expect(readFileSync(logFile(dir), 'utf8')).toBe('')
    const inMemory = await client.fetch<Array<{ _id: string; _type: string }>>(
      '*[_type != "sanity.imageAsset"]',
      {},
      { perspective: 'raw' },
    )
    rmSync(join(dir, '.lake'), { recursive: true, force: true })
    const store = new DatasetStore('production', file, quiet)
    const fromFile = byId(store.documents.filter((d) => d._type !== 'sanity.imageAsset'))
    store.close()
    expect(fromFile.size).toBe(inMemory.length)
    // Stamps a document lacked in the file (_createdAt, _updatedAt, _rev) are made at each load; everything else is equal.
    const withoutStamps = (doc: object | undefined) => doc && { ...doc, _createdAt: undefined, _updatedAt: undefined, _rev: undefined }
    for (const doc of inMemory) expect(withoutStamps(fromFile.get(doc._id))).toEqual(withoutStamps(doc))
    expect(fromFile.get('topic-strategy')).toMatchObject({ title: 'Strategy, logged' })
    expect(fromFile.has('topic-leadership')).toBe(false)
  })

  it('replays the log on start, and drops a torn last line', async () => {
    let client = await start()
    const { transactionId } = await client.patch('topic-strategy').set({ title: 'Before the crash' }).commit({ returnDocuments: false })
    // A crash: the log stays as it is (close would compact), plus half a line of a write never acknowledged.
    const logged = readFileSync(logFile(dir), 'utf8')
    const copy = join(dir, 'log.copy')
    writeFileSync(copy, logged)
    await lake.close()
    writeFileSync(file, readFileSync(join(fixture, 'data.ndjson')))
    writeFileSync(logFile(dir), `${logged}{"id":"torn","timestamp":"2026-01-01T00:00:00Z","documents":[{"id":"topic-str`)
    rmSync(join(dir, '.lake', 'data.ndjson.history.ndjson'), { force: true })
    client = await start()
    expect(await client.fetch('*[_id == "topic-strategy"][0]{title, _rev}')).toEqual({ title: 'Before the crash', _rev: transactionId })
    expect(readFileSync(logFile(dir), 'utf8')).toBe(logged)
    expect(logs.some((m) => m.includes('torn last line'))).toBe(true)
    await client.patch('topic-strategy').set({ title: 'After the crash' }).commit()
    expect(readFileSync(logFile(dir), 'utf8').trim().split('\n')).toHaveLength(2)
  })

  it('does not take its own compaction for an outside edit, but reloads on one', async () => {
    const client = await start(true)
    await new Promise((r) => setTimeout(r, 200))
    const events: string[] = []
    await client.patch('topic-strategy').set({ title: 'Compacted' }).commit()
    const stamp = statSync(file).mtimeMs
    expect(await lake.compact()).toBe(true)
    expect(statSync(file).mtimeMs).not.toBe(stamp)
    await new Promise((r) => setTimeout(r, 600))
    events.push(...logs.filter((m) => m.includes('reloaded')))
    expect(events).toEqual([])
    // An outside edit is still seen.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Compacted"', '"Edited outside"'))
    await new Promise((r) => setTimeout(r, 600))
    expect(logs.some((m) => m.includes('reloaded'))).toBe(true)
    expect(await client.fetch('*[_id == "topic-strategy"][0].title')).toBe('Edited outside')
  })
})

it('leaves no log beside a dataset that is only read', async () => {
  const lake = await startLake({ token: null, port: 0, datasets: { production: file }, watch: false, log: quiet })
  await lakeClient(lake.url).fetch('count(*)')
  await lake.close()
  expect(existsSync(join(dir, '.lake'))).toBe(false)
})
