import { createHash } from 'node:crypto'
import { readFileSync, statSync, watch, writeFileSync, renameSync, type FSWatcher } from 'node:fs'
import { basename, dirname, join } from 'node:path'

import { LakeError } from './errors'
import { exportDocuments, ExportFormatError, importExportedDocuments } from './export-format'
import { parseNdjson, toNdjson, type LakeDocument } from './ndjson'
import type { Perspective } from './perspective'
import { type DatasetView, DatasetViews } from './view'

export type Logger = (message: string) => void

type Listener = (
  event: { type: 'reload' } | { type: 'mutation'; ids: string[]; transactionId: string; previous: Map<string, LakeDocument | null> },
) => void

/**
 * One dataset: its NDJSON file, the documents of its current version and the views of that
 * version (built when first asked for). Watches the file and reloads it when it changes; a
 * file that does not parse keeps the last good version and logs the line at fault.
 */
export class DatasetStore {
  private views: DatasetViews
  private watcher: FSWatcher | null = null
  private timer: NodeJS.Timeout | null = null
  private contentHash: string
  private readonly listeners = new Set<Listener>()
  /** Every `_rev` the dataset has held and every transaction id used: a new transaction needs a fresh one. */
  private readonly revisions = new Set<string>()
  /** Documents stamped at load -> as the file had them, so write-back leaves untouched lines as they were. */
  private unstamped = new WeakMap<LakeDocument, LakeDocument>()

  /** Throws an NdjsonError naming the file and line when the file is not a dataset. */
  constructor(
    readonly name: string,
    readonly file: string,
    private readonly log: Logger,
  ) {
    const text = readFileSync(file, 'utf8')
    this.views = new DatasetViews(this.load(text))
    this.contentHash = hash(text)
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

  view(perspective: Perspective): DatasetView {
    return this.views.get(perspective)
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Rereads the file; returns false (and keeps the current version) when it does not parse. */
  reload(): boolean {
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
    this.log(`dataset "${this.name}": reloaded ${this.views.docs.length} documents from ${this.file}`)
    for (const listener of this.listeners) listener({ type: 'reload' })
    return true
  }

  /**
   * Applies a committed transaction: new version in memory, written back to the NDJSON file in
   * export format (no asset documents; image fields as `_sanityAsset`).
   */
  commit(docs: LakeDocument[], changed: Map<string, LakeDocument | null>, transactionId: string): void {
    const previous = new Map<string, LakeDocument | null>()
    for (const id of changed.keys()) previous.set(id, this.view('raw').byId.get(id) ?? null)
    this.revisions.add(transactionId)
    this.replace(docs)
    const text = toNdjson(exportDocuments(docs.map((doc) => this.unstamped.get(doc) ?? doc)))
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, text)
    renameSync(tmp, this.file)
    this.contentHash = hash(text)
    for (const listener of this.listeners) listener({ type: 'mutation', ids: [...changed.keys()], transactionId, previous })
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

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.watcher?.close()
    this.watcher = null
    this.listeners.clear()
  }
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex')

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
