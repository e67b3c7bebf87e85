/**
 * The dataset's append-only transaction log (`.lake/<file>.txlog.ndjson` beside the dataset file,
 * outside images/ and ignored by the export format) and the recent history kept past compaction
 * (`.lake/<file>.history.ndjson`).
 *
 * One line per committed transaction, `{id, timestamp, identity, documents: [{id, before, previous, after}]}`:
 * `before` is the `_rev` the document had (absent when it did not exist), `previous` its whole
 * state then, `after` its whole new state (null when deleted). Each line is fsync'd before the write is acknowledged. Replaying whole
 * states in order is idempotent: over a dataset file that already holds some (or all) of the
 * logged transactions it gives the same documents, so a crash between compaction's rename of the
 * dataset file and its rewrite of the log double-applies nothing.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

import { LakeError } from './errors'
import type { LakeDocument } from './ndjson'

/**
 * One document of a transaction: `before` its `_rev` before (absent when it did not exist) and
 * `previous` its whole state then (for the history endpoints: logs written before it was kept lack
 * it), `after` its whole new state (null when deleted).
 */
export type TxDocument = { id: string; before?: string; previous?: LakeDocument; after: LakeDocument | null }
export type TxEntry = { id: string; timestamp: string; identity?: string; documents: TxDocument[] }

/** The folder beside a dataset file where the lake keeps its log and history. */
export const lakeDir = (datasetFile: string) => join(dirname(datasetFile), '.lake')

/** fsync a directory, so a rename or a new file in it survives a crash. */
export function syncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Some platforms cannot open a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Writes `text` to a temp file beside `file`, fsyncs it and renames it over `file`. */
export function writeFileDurably(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`
  const fd = openSync(tmp, 'w')
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, file)
  syncDir(dirname(file))
}

export class TxLog {
  readonly logFile: string
  readonly historyFile: string
  private fd: number | null = null
  /** Logged transactions the dataset file does not hold yet, oldest first. */
  private pending: TxEntry[] = []
  /** Transactions already compacted into the dataset file, the last `keep` (up to twice that between trims). */
  private history: TxEntry[] = []
  private logBytes = 0
  private closed = false

  constructor(
    datasetFile: string,
    /** How many compacted transactions history keeps. */
    private readonly keep = 1000,
  ) {
    const dir = lakeDir(datasetFile)
    this.logFile = join(dir, `${basename(datasetFile)}.txlog.ndjson`)
    this.historyFile = join(dir, `${basename(datasetFile)}.history.ndjson`)
  }

  /** Transactions in the log (not yet in the dataset file). */
  get size(): number {
    return this.pending.length
  }

  get bytes(): number {
    return this.logBytes
  }

  /** History then the log, oldest first. */
  entries(): readonly TxEntry[] {
    return this.history.length === 0 ? this.pending : [...this.history, ...this.pending]
  }

  /**
   * Reads history and the log and returns the log's transactions to replay. A last line that does
   * not parse (a write torn by a crash, never acknowledged) is cut off the file; a bad line before
   * the last is damage, and an error.
   */
  open(log: (message: string) => void): TxEntry[] {
    this.pending = existsSync(this.logFile) ? this.read(this.logFile, true, log) : []
    const inLog = new Set(this.pending.map((e) => e.id))
    // A crash between writing history and rewriting the log leaves entries in both: the log's count.
    this.history = existsSync(this.historyFile) ? this.read(this.historyFile, false, log).filter((e) => !inLog.has(e.id)) : []
    return this.pending
  }

  /** The log file open for appending, made (with its folder) at the first write: a dataset only read gets none. */
  private appendFd(): number {
    if (this.closed) throw new Error('transaction log is closed')
    if (this.fd === null) {
      const existed = existsSync(this.logFile)
      mkdirSync(dirname(this.logFile), { recursive: true })
      this.fd = openSync(this.logFile, 'a')
      if (!existed) syncDir(dirname(this.logFile))
    }
    return this.fd
  }

  private read(file: string, truncateTorn: boolean, log: (message: string) => void): TxEntry[] {
    const buffer = readFileSync(file)
    const entries: TxEntry[] = []
    let offset = 0
    let line = 0
    while (offset < buffer.length) {
      line++
      const nl = buffer.indexOf(0x0a, offset)
      const end = nl < 0 ? buffer.length : nl
      const text = buffer.subarray(offset, end).toString('utf8')
      let entry: TxEntry | undefined
      try {
        const value = JSON.parse(text) as TxEntry
        if (nl >= 0 && typeof value?.id === 'string' && Array.isArray(value.documents)) entry = value
      } catch {
        entry = undefined
      }
      if (!entry && !truncateTorn) {
        // History is a convenience: a line a crash cut short is skipped, not an error.
        offset = end + 1
        continue
      }
      if (!entry) {
        const rest = buffer.subarray(nl < 0 ? buffer.length : nl + 1)
        if (rest.toString('utf8').trim() !== '') {
          throw new LakeError(500, 'datasetLoadError', `${file}:${line}: not a transaction, and not the last line: the log is damaged`)
        }
        if (truncateTorn) {
          const fd = openSync(file, 'r+')
          try {
            ftruncateSync(fd, offset)
            fsyncSync(fd)
          } finally {
            closeSync(fd)
          }
          log(`${file}:${line}: dropped a torn last line (a write cut off before it was acknowledged)`)
        }
        break
      }
      entries.push(entry)
      offset = end + 1
    }
    if (truncateTorn) this.logBytes = Math.min(offset, buffer.length)
    return entries
  }

  /** Appends a transaction and fsyncs it: once this returns, the transaction survives a crash. */
  append(entry: TxEntry): void {
    const fd = this.appendFd()
    const line = Buffer.from(`${JSON.stringify(entry)}\n`)
    let written = 0
    while (written < line.length) written += writeSync(fd, line, written)
    fsyncSync(fd)
    this.logBytes += line.length
    this.pending.push(entry)
  }

  /**
   * The first `count` logged transactions are now in the dataset file: they move to history (the
   * last `keep`), and the log is rewritten with the rest. History is written first; the log is
   * replaced by rename, so a crash leaves either log whole.
   */
  rotate(count: number): void {
    if (count <= 0) return
    const done = this.pending.slice(0, count)
    const rest = this.pending.slice(count)
    this.history.push(...done)
    if (this.history.length > 2 * this.keep) {
      // Trimmed to the last `keep` now and then, so history costs an append per compaction.
      this.history = this.history.slice(-this.keep)
      writeFileDurably(this.historyFile, this.history.map((e) => `${JSON.stringify(e)}\n`).join(''))
    } else {
      const fd = openSync(this.historyFile, 'a')
      try {
        writeSync(fd, done.map((e) => `${JSON.stringify(e)}\n`).join(''))
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    }
    const text = rest.map((e) => `${JSON.stringify(e)}\n`).join('')
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    writeFileDurably(this.logFile, text)
    this.pending = rest
    this.logBytes = Buffer.byteLength(text)
  }

  close(): void {
    this.closed = true
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }
}
