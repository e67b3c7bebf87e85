import { LakeError } from './errors'

export type LakeDocument = { _id: string; _type: string; [key: string]: unknown }

/** A line of the NDJSON file that is not a document; names the file and 1-based line. */
export class NdjsonError extends LakeError {
  constructor(
    public readonly file: string,
    public readonly line: number,
    problem: string,
  ) {
    super(500, 'datasetLoadError', `${file}:${line}: ${problem}`)
  }
}

/**
 * Parses a dataset in `sanity dataset export` NDJSON: one document per line, blank lines allowed.
 * Every document needs a string `_id` and `_type`, and ids are unique (the lake indexes by id).
 */
export function parseNdjson(text: string, file: string): LakeDocument[] {
  const docs: LakeDocument[] = []
  const lineOfId = new Map<string, number>()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim()
    if (raw === '') continue
    const lineNo = i + 1
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (err) {
      throw new NdjsonError(file, lineNo, `invalid JSON (${(err as Error).message})`)
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new NdjsonError(file, lineNo, 'expected a JSON object (a document)')
    }
    const doc = value as Record<string, unknown>
    if (typeof doc._id !== 'string' || doc._id === '') {
      throw new NdjsonError(file, lineNo, 'document has no string _id')
    }
    if (typeof doc._type !== 'string' || doc._type === '') {
      throw new NdjsonError(file, lineNo, `document "${doc._id}" has no string _type`)
    }
    const seen = lineOfId.get(doc._id)
    if (seen !== undefined) {
      throw new NdjsonError(file, lineNo, `duplicate _id "${doc._id}" (first on line ${seen})`)
    }
    lineOfId.set(doc._id, lineNo)
    docs.push(doc as LakeDocument)
  }
  return docs
}

export function toNdjson(docs: readonly LakeDocument[]): string {
  return docs.map((doc) => JSON.stringify(doc)).join('\n') + (docs.length ? '\n' : '')
}
