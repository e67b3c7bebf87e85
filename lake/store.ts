import { createHash } from 'node:crypto'
import { readFileSync, renameSync, statSync, watch, type FSWatcher } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

import { LakeError } from './errors'
import { exportDocuments, ExportFormatError, importExportedDocuments } from './export-format'
import { parseNdjson, toNdjson, type LakeDocument } from './ndjson'
import type { ViewName } from './perspective'
import { syncDir, TxLog, writeFileDurably, type TxEntry } from './txlog'
import { type DatasetView, DatasetViews } from './view'

export type Logger = (message: string) => void

/** When the transaction log is folded into the dataset file (see `compact`). */
export type CompactionOptions = {
  /** Compact once no transaction has come for this long. Default 1000 ms. */
  quietMs: number
  /** Compact at once when the log holds this many transactions. Default 1000. */
  maxTransactions: number
  /** ... or this many bytes. Default 16 MiB. */
  maxBytes: number
  /** Compacted transactions kept as history (for the history endpoints). Default 1000. */
  keepHistory: number
}

export const DEFAULT_COMPACTION: CompactionOptions = { quietMs: 1000, maxTransactions: 1000, maxBytes: 16 * 1024 * 1024, keepHistory: 1000 }

type Listener = (
  event: { type: 'reload' } | { type: 'mutation'; ids: string[]; transactionId: string; previous: Map<string, LakeDocument | null> },
) => void

/**
 * One dataset: its NDJSON file, the documents of its current version and the views of that
 * version (built when first asked for). Watches the file and reloads it when it changes; a
 * file that does not parse keeps the last good version and logs the line at fault.
 *
 * Writes go to an append-only transaction log beside the file (txlog.ts), fsync'd before the
 * write is acknowledged; loading replays it over the file. Compaction (after a quiet period, when
 * the log grows, and on close) writes the file whole to a temp file, fsyncs it, renames it over
 * the file and then rewrites the log without the transactions the file now holds.
 */
export class DatasetStore {
  private views: DatasetViews
  private watcher: FSWatcher | null = null
  private timer: NodeJS.Timeout | null = null
  /** The file's text as last read (null once the lake's compaction has replaced it). */
  private contentHash: string | null
  private readonly listeners = new Set<Listener>()
  /** Every `_rev` the dataset has held and every transaction id used: a new transaction needs a fresh one. */
  private readonly revisions = new Set<string>()
  /** Documents stamped at load -> as the file had them, so write-back leaves untouched lines as they were. */
  private unstamped = new WeakMap<LakeDocument, LakeDocument>()
  private readonly txlog: TxLog
  private readonly compaction: CompactionOptions
  private compactTimer: NodeJS.Timeout | null = null
  private compacting: Promise<boolean> | null = null
  /** Bumped when the documents are replaced from outside (reload) and on close: a compaction under way then writes nothing. */
  private generation = 0
  private closed = false
  /** The file as the lake's own compaction left it (inode, size, mtime): the watcher's event for it is no outside edit. */
  private ownFile: string | null = null

  /** Throws an NdjsonError naming the file and line when the file is not a dataset. */
  constructor(
    readonly name: string,
    readonly file: string,
    private readonly log: Logger,
    options: { compaction?: Partial<CompactionOptions> } = {},
  ) {
    this.compaction = { ...DEFAULT_COMPACTION, ...options.compaction }
    const text = readFileSync(file, 'utf8')
    const docs = this.load(text)
    this.txlog = new TxLog(file, this.compaction.keepHistory)
    const replay = this.txlog.open(log)
    this.views = new DatasetViews(replay.length > 0 ? this.replay(docs, replay) : docs)
    this.contentHash = hash(text)
    if (replay.length > 0) {
      log(`dataset "${this.name}": replayed ${replay.length} transactions from ${this.txlog.logFile}`)
      this.scheduleCompaction()
    }
  }

  /**
   * The logged transactions applied over the file's documents, in order: each sets the whole new
   * state of its documents (or deletes them), so a transaction the file already holds changes nothing.
   */
  private replay(docs: LakeDocument[], entries: readonly TxEntry[]): LakeDocument[] {
    const byId = new Map(docs.map((d) => [d._id, d]))
    for (const entry of entries) {
      this.revisions.add(entry.id)
      for (const { id, after } of entry.documents) {
        if (after) byId.set(id, after)
        else byId.delete(id)
      }
    }
    return [...byId.values()]
  }

  /** The transactions still known (history kept past compaction, then the log), oldest first. */
  transactions(): readonly TxEntry[] {
    return this.txlog.entries()
  }

  /**
   * The file is in `sanity dataset export` format; the lake holds what Sanity would after
   * `sanity dataset import` (image refs and `sanity.imageAsset` documents, see export-format.ts,
   * and on every document the `_createdAt`, `_updatedAt` and `_rev` the Content Lake sets on
   * each write, stamped where the file has none).
   */
  private load(text: string): LakeDocument[] {
    const docs = parseNdjson(text, this.file)
    let imported: LakeDocument[]
    try {
      imported = importExportedDocuments(docs, { datasetDir: dirname(this.file), dataset: this.name })
    } catch (err) {
      if (err instanceof ExportFormatError) throw new LakeError(500, 'datasetLoadError', `${this.file}: ${err.message}`)
      throw err
    }
    const unstamped = new WeakMap<LakeDocument, LakeDocument>()
    const loadedAt = fileTime(this.file)
    const stamped = imported.map((doc) => {
      const out = stamp(doc, loadedAt)
      if (out !== doc) unstamped.set(out, doc)
      if (typeof out._rev === 'string') this.revisions.add(out._rev)
      return out
    })
    this.unstamped = unstamped
    return stamped
  }

  /** Whether `rev` was ever a revision of this dataset or the id of a transaction on it. */
  hasRevision(rev: string): boolean {
    return this.revisions.has(rev)
  }

  get imagesDir(): string {
    return join(dirname(this.file), 'images')
  }

  get documents(): readonly LakeDocument[] {
    return this.views.docs
  }

  view(perspective: ViewName): DatasetView {
    return this.views.get(perspective)
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Rereads the file; returns false (and keeps the current version) when it does not parse. */
  reload(): boolean {
    if (this.ownFile !== null && this.ownFile === statKey(this.file)) return true
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch (err) {
      this.log(`dataset "${this.name}": cannot read ${this.file} (${(err as Error).message}); keeping the loaded version`)
      return false
    }
    const h = hash(text)
    if (h === this.contentHash) return true
    try {
      this.replace(this.load(text))
    } catch (err) {
      this.log(`dataset "${this.name}": ${(err as Error).message}; keeping the last good version`)
      return false
    }
    this.contentHash = h
    this.ownFile = null
    this.generation++
    // The edited file is the dataset now: logged transactions must not be replayed over it.
    if (this.txlog.size > 0) {
      this.log(`dataset "${this.name}": ${this.txlog.size} logged transactions not yet in ${this.file} give way to the outside edit`)
      this.txlog.rotate(this.txlog.size)
    }
    this.log(`dataset "${this.name}": reloaded ${this.views.docs.length} documents from ${this.file}`)
    for (const listener of this.listeners) listener({ type: 'reload' })
    return true
  }

  /**
   * Applies a committed transaction: appended to the transaction log and fsync'd (so it survives
   * a crash once this returns), then the new version in memory. The NDJSON file (export format:
   * no asset documents, image fields as `_sanityAsset`) follows at the next compaction.
   */
  commit(docs: LakeDocument[], changed: Map<string, LakeDocument | null>, transactionId: string, timestamp?: string): void {
    if (this.closed) throw new LakeError(503, 'datasetClosed', `dataset "${this.name}" is closed`)
    const previous = new Map<string, LakeDocument | null>()
    for (const id of changed.keys()) previous.set(id, this.view('raw').byId.get(id) ?? null)
    this.txlog.append({
      id: transactionId,
      timestamp: timestamp ?? new Date().toISOString(),
      identity: 'local-editor',
      documents: [...changed].map(([id, after]) => {
        const was = previous.get(id)
        return was && typeof was._rev === 'string' ? { id, before: was._rev, previous: was, after } : { id, after }
      }),
    })
    this.revisions.add(transactionId)
    this.views = new DatasetViews(docs, { after: { previous: this.views, changed } })
    for (const listener of this.listeners) listener({ type: 'mutation', ids: [...changed.keys()], transactionId, previous })
    this.scheduleCompaction()
  }

  /** Compacts after a quiet period, or at once when the log is over its limits. */
  private scheduleCompaction(): void {
    if (this.closed || this.txlog.size === 0) return
    const due = this.txlog.size >= this.compaction.maxTransactions || this.txlog.bytes >= this.compaction.maxBytes
    if (this.compactTimer) clearTimeout(this.compactTimer)
    this.compactTimer = setTimeout(
      () => {
        this.compactTimer = null
        this.compact().catch((err) => this.log(`dataset "${this.name}": compaction failed (${(err as Error).message})`))
      },
      due ? 0 : this.compaction.quietMs,
    )
    this.compactTimer.unref()
  }

  /**
   * Writes the current version to the dataset file (temp file in the same folder, fsync, rename
   * over the file: it is never half-written), then drops the transactions it holds from the log
   * (they move to history). Resolves false when there was nothing to do, or the documents were
   * replaced or the store closed meanwhile.
   */
  async compact(): Promise<boolean> {
    while (this.compacting) await this.compacting
    if (this.closed || this.txlog.size === 0) return false
    this.compacting = this.writeCompacted()
    try {
      return await this.compacting
    } finally {
      this.compacting = null
      if (this.txlog.size > 0) this.scheduleCompaction()
    }
  }

  private async writeCompacted(): Promise<boolean> {
    const generation = this.generation
    const count = this.txlog.size
    const text = this.exportText()
    const tmp = `${this.file}.${process.pid}.compact.tmp`
    const handle = await open(tmp, 'w')
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (generation !== this.generation || this.closed) {
      await rm(tmp, { force: true })
      return false
    }
    // From here on synchronous: no commit comes between the rename and the log's rotation.
    renameSync(tmp, this.file)
    syncDir(dirname(this.file))
    this.ownFile = statKey(this.file)
    this.contentHash = null
    this.txlog.rotate(count)
    return true
  }

  private exportText(): string {
    return toNdjson(exportDocuments(this.views.docs.map((doc) => this.unstamped.get(doc) ?? doc)))
  }

  /** Compaction, synchronously (on close). */
  private compactNow(): void {
    if (this.txlog.size === 0) return
    writeFileDurably(this.file, this.exportText())
    this.ownFile = statKey(this.file)
    this.contentHash = null
    this.txlog.rotate(this.txlog.size)
  }

  private replace(docs: LakeDocument[]): void {
    this.views = new DatasetViews(docs)
  }

  /** Watches the directory (editors replace files by renaming) and debounces bursts of events. */
  watch(debounceMs = 100): void {
    if (this.watcher) return
    const name = basename(this.file)
    this.watcher = watch(dirname(this.file), (_event, filename) => {
      if (filename && filename.toString() !== name) return
      if (this.timer) clearTimeout(this.timer)
      this.timer = setTimeout(() => {
        this.timer = null
        this.reload()
      }, debounceMs)
    })
    this.watcher.on('error', (err) => this.log(`dataset "${this.name}": watching ${this.file} failed (${err.message})`))
  }

  /** Stops watching and compacts what the log still holds into the file. */
  close(): void {
    if (this.timer) clearTimeout(this.timer)
    if (this.compactTimer) clearTimeout(this.compactTimer)
    this.watcher?.close()
    this.watcher = null
    this.listeners.clear()
    if (this.closed) return
    this.closed = true
    this.generation++
    try {
      this.compactNow()
    } catch (err) {
      this.log(`dataset "${this.name}": compaction on close failed (${(err as Error).message}); the log keeps the transactions`)
    }
    this.txlog.close()
  }
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex')

/** What identifies one version of a file on disk: a rename or a write changes it. */
function statKey(file: string): string | null {
  try {
    const s = statSync(file, { bigint: true })
    return `${s.ino}:${s.size}:${s.mtimeNs}`
  } catch {
    return null
  }
}

function fileTime(file: string): string {
  try {
    return statSync(file).mtime.toISOString()
  } catch {
    return new Date().toISOString()
  }
}

/**
 * `sanity dataset import` creates each document, and the Content Lake stamps every write with
 * `_createdAt`, `_updatedAt` and a `_rev`; a file written by hand may lack them. The stamps are
 * the file's modification time and a revision derived from the document's content, so
 * reloading an unchanged file gives the same revisions (an `ifRevisionID` stays valid).
 */
function stamp(doc: LakeDocument, time: string): LakeDocument {
  if (typeof doc._createdAt === 'string' && typeof doc._updatedAt === 'string' && typeof doc._rev === 'string') return doc
  const createdAt = typeof doc._createdAt === 'string' ? doc._createdAt : time
  return {
    ...doc,
    _createdAt: createdAt,
    _updatedAt: typeof doc._updatedAt === 'string' ? doc._updatedAt : createdAt,
    _rev: typeof doc._rev === 'string' ? doc._rev : createHash('sha1').update(JSON.stringify(doc)).digest('base64url').slice(0, 22),
  }
}
