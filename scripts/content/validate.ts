/**
 * The content rules, importable: what `npm run content:validate` checks and what `npm run content`
 * checks before it writes. Nothing here restates a rule of the schema.
 *
 * - validateDocuments: every document goes through `validateDocument` from the `sanity` package,
 *   the function the Studio and `sanity documents validate` use, with the compiled schema from
 *   sanity/schemaTypes; plus what the schema cannot see (duplicate `_id`s, `_key` on array
 *   objects, every `_ref` resolves). What the validators need from outside comes from a
 *   ValidationDataset: a GROQ `fetch` (slug `isUnique`) and whether a document exists (references).
 *   `inMemoryDataset(docs)` answers both from documents in memory with groq-js.
 * - validateExportedDataset: a file in `sanity dataset export` format. The schema rules run on what
 *   Sanity would hold after `sanity dataset import` (lake/export-format.ts turns every
 *   `_sanityAsset` into an image asset reference and adds the `sanity.imageAsset` documents import
 *   would create); on top, the export format itself: no asset documents and no image asset
 *   references in the file (export writes `_sanityAsset` instead), every `_sanityAsset` names a
 *   file in images/ beside the dataset whose sha1 and dimensions match its name.
 *
 * Loading `sanity` takes seconds: import this module only where documents are validated.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { evaluate, parse } from 'groq-js'
import { createSchema, pathToString, validateDocument } from 'sanity'
import type { Path, Schema, SanityClient, SanityDocument, Workspace } from 'sanity'
import sharp from 'sharp'

import { findExportedAssets, IMAGE_ASSET_ID, importExportedDocuments, parseExportedImage } from '../../lake/export-format'
import { schemaTypes } from '../../sanity/schemaTypes'

export type Level = 'error' | 'warning' | 'info'

export interface Problem {
  docId: string
  path: string
  message: string
  level: Level
}

/** Where the documents will live: what the validators ask of the rest of the dataset. */
export interface ValidationDataset {
  /** A GROQ query over the dataset, drafts included (slug `isUnique` runs one). */
  fetch(query: string, params: Record<string, unknown>): Promise<unknown>
  /** Whether a document with this exact id exists (references must resolve). */
  exists(id: string): Promise<boolean>
}

/** The schema definitions do not compile; `problems` lists each, `<type.field>: message`. */
export class SchemaError extends Error {
  constructor(readonly problems: string[]) {
    super(`the schema has errors: ${problems.join('; ')}`)
    this.name = 'SchemaError'
  }
}

/** The message of sanity's own unknown-field check (`unknownFieldsValidator`). */
const UNKNOWN_FIELD = /^Field '.+' does not exist on type '.+'$/
const ASSET_TYPE = /^sanity\.[a-zA-Z]+Asset$/

let compiled: Schema | undefined

/** The compiled schema. createSchema compiles an EMPTY schema when the definitions have errors, so those throw. */
export function loadSchema(): Schema {
  if (compiled) return compiled
  const schema = createSchema({ name: 'insights', types: schemaTypes })
  const errors = (schema._validation ?? []).flatMap((group) =>
    group.problems.filter((p) => p.severity === 'error').map((p) => `${group.path.map((s) => s.name).join('.')}: ${p.message}`),
  )
  if (errors.length > 0) throw new SchemaError(errors)
  compiled = schema
  return schema
}

/** Documents in memory as the dataset: GROQ through groq-js, existence by id. */
export function inMemoryDataset(docs: readonly SanityDocument[]): ValidationDataset {
  const ids = new Set(docs.map((doc) => doc._id))
  return {
    fetch: async (query, params) => (await evaluate(parse(query, { params }), { dataset: docs, params })).get(),
    exists: async (id) => ids.has(id),
  }
}

/** Just enough of a SanityClient for the built-in validators: a GROQ `fetch` over the dataset. */
function validatorClient(dataset: ValidationDataset): SanityClient {
  const client = {
    fetch: (query: string, params: Record<string, unknown> = {}) => dataset.fetch(query, params),
    withConfig: () => client,
    clone: () => client,
    config: () => ({}),
  }
  // Cast: validators only call fetch/withConfig (see defaultIsUnique in sanity's validation).
  return client as unknown as SanityClient
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Walks a document for structure the schema cannot see: missing `_key`s, and every strong `_ref` with its path. */
function walkStructure(doc: SanityDocument, problems: Problem[]): Array<{ ref: string; path: string }> {
  const refs: Array<{ ref: string; path: string }> = []
  const visit = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isRecord(item) && typeof item._key !== 'string') {
          const message = 'array item has no _key'
          problems.push({ docId: doc._id, path: pathToString([...path, index]), message, level: 'error' })
        }
        const segment = isRecord(item) && typeof item._key === 'string' ? { _key: item._key } : index
        visit(item, [...path, segment])
      })
      return
    }
    if (!isRecord(value)) return
    // A weak reference may point at nothing (Sanity allows it: a preview link's article deleted since).
    if (typeof value._ref === 'string' && value._weak !== true) refs.push({ ref: value._ref, path: pathToString(path) })
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key])
  }
  visit(doc, [])
  return refs
}

export type ValidateOptions = {
  /** The dataset the documents are checked against (references, unique slugs). */
  dataset: ValidationDataset
  /** Ids not to run the schema rules on (asset documents found in an export file, reported apart). */
  skipSchema?: ReadonlySet<string>
}

/**
 * Every problem with `docs`: the schema's own rules (as in the Studio, plus sanity's unknown-field
 * check), unknown types, duplicate ids, array items without `_key`, strong `_ref`s to missing documents.
 * Sanity's own documents (`sanity.*`: image assets, preview secrets) are not schema-checked. Throws a SchemaError when
 * the schema does not compile. Problems come in the order of `docs`, then by path.
 */
export async function validateDocuments(docs: readonly SanityDocument[], options: ValidateOptions): Promise<Problem[]> {
  const { dataset, skipSchema = new Set<string>() } = options
  const schema = loadSchema()
  const problems: Problem[] = []
  const seen = new Set<string>()
  for (const doc of docs) {
    if (seen.has(doc._id)) problems.push({ docId: doc._id, path: '', message: 'duplicate _id', level: 'error' })
    seen.add(doc._id)
  }
  const client = validatorClient(dataset)
  // validateDocument reads only `schema`, `i18n` (falls back to English) and `getClient`.
  const workspace = { schema, getClient: () => client } as unknown as Workspace
  const getDocumentExists = async ({ id }: { id: string }) => dataset.exists(id)

  await Promise.all(
    docs.map(async (doc) => {
      for (const { ref, path } of walkStructure(doc, problems)) {
        if (!(await dataset.exists(ref))) {
          problems.push({ docId: doc._id, path, message: `reference to missing document "${ref}"`, level: 'error' })
        }
      }
      // Sanity's own documents (image assets, the Presentation tool's secrets) are not in the content model.
      if (doc._type.startsWith('sanity.') || skipSchema.has(doc._id)) return
      if (!schema.get(doc._type)) {
        problems.push({ docId: doc._id, path: '', message: `unknown type "${doc._type}"`, level: 'error' })
        return
      }
      const validate = (environment: 'studio' | 'cli') =>
        validateDocument({ document: doc, workspace, environment, getClient: () => client, getDocumentExists })
      // Rules run as in the Studio. The 'cli' environment adds an unknown-field check, but it
      // does so by chaining `.warning()` onto every object rule, which demotes those rules'
      // errors and drops their messages; so only its unknown-field markers are kept.
      const [markers, cliMarkers] = await Promise.all([validate('studio'), validate('cli')])
      for (const marker of markers) {
        problems.push({ docId: doc._id, path: pathToString(marker.path), message: marker.message, level: marker.level })
      }
      for (const marker of cliMarkers.filter((m) => UNKNOWN_FIELD.test(m.message))) {
        problems.push({ docId: doc._id, path: pathToString(marker.path), message: marker.message, level: 'error' })
      }
    }),
  )
  // Validation runs concurrently; report in document order so runs can be compared.
  const order = new Map(docs.map((doc, index) => [doc._id, index]))
  return problems.sort((a, b) => (order.get(a.docId) ?? -1) - (order.get(b.docId) ?? -1) || a.path.localeCompare(b.path))
}

/** sharp's format names for the extensions Sanity gives images. */
const FORMAT_OF_EXTENSION: Record<string, string> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  svg: 'svg',
  avif: 'heif',
  tiff: 'tiff',
}

/** Is the file a `_sanityAsset` names there, and do its sha1 and dimensions match its name? */
async function checkExportedImage(value: unknown, imagesDir: string): Promise<string | undefined> {
  let image: ReturnType<typeof parseExportedImage>
  try {
    image = parseExportedImage(value)
  } catch (error) {
    return (error as Error).message
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(join(imagesDir, image.name))
  } catch {
    return `image file images/${image.name} is missing`
  }
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  if (sha1 !== image.sha1) return `image file images/${image.name} has sha1 ${sha1}, not the one in its name`
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => undefined)
  if (!meta) return `image file images/${image.name} is not an image sharp can read`
  if (meta.width !== image.width || meta.height !== image.height) {
    return `image file images/${image.name} is ${meta.width}x${meta.height}, not ${image.width}x${image.height} as its name says`
  }
  if (meta.format !== FORMAT_OF_EXTENSION[image.extension])
    return `image file images/${image.name} is ${meta.format}, not ${image.extension}`
  return undefined
}

/**
 * What import would reject or silently change: asset documents, image asset references, and
 * `_sanityAsset`s whose file is missing or does not match its name. A bad `_sanityAsset` is
 * removed (as `--allow-failing-assets` would leave the field without an asset), so the schema
 * rules still run on the rest of the document.
 */
export async function checkExportFormat(docs: SanityDocument[], imagesDir: string, problems: Problem[]): Promise<void> {
  const error = (docId: string, path: string, message: string) => problems.push({ docId, path, message, level: 'error' })
  const fileChecks = new Map<string, Promise<string | undefined>>()
  for (const doc of docs) {
    if (ASSET_TYPE.test(doc._type)) {
      error(
        doc._id,
        '',
        `asset document in the file: sanity dataset export writes none (the file goes in images/, image fields hold _sanityAsset), and sanity dataset import rejects it when it names another project`,
      )
      continue
    }
    const visit = (value: unknown, path: Path): void => {
      if (Array.isArray(value))
        return value.forEach((item, index) =>
          visit(item, [...path, isRecord(item) && typeof item._key === 'string' ? { _key: item._key } : index]),
        )
      if (!isRecord(value)) return
      const ref = isRecord(value.asset) ? value.asset._ref : undefined
      if (typeof ref === 'string' && IMAGE_ASSET_ID.test(ref)) {
        error(
          doc._id,
          pathToString(path),
          `image field holds an asset reference ("${ref}"); export format has _sanityAsset: "image@file://./images/<file>" instead`,
        )
      }
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key])
    }
    visit(doc, [])
  }
  await Promise.all(
    docs.flatMap((doc) =>
      findExportedAssets(doc).map(async ({ holder, path }) => {
        const key = String(holder._sanityAsset)
        if (!fileChecks.has(key)) fileChecks.set(key, checkExportedImage(holder._sanityAsset, imagesDir))
        const problem = await fileChecks.get(key)
        if (!problem) return
        error(doc._id, path, problem)
        delete holder._sanityAsset
      }),
    ),
  )
}

/** The documents of an NDJSON file; a line that is not JSON is a problem, not an exception. */
export function readNdjsonDocuments(file: string, problems: Problem[]): SanityDocument[] {
  const docs: SanityDocument[] = []
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return
      try {
        docs.push(JSON.parse(line) as SanityDocument)
      } catch (error) {
        const message = `line ${index + 1} is not valid JSON (${(error as Error).message})`
        problems.push({ docId: '(dataset)', path: '', message, level: 'error' })
      }
    })
  return docs
}

export type ExportedDatasetReport = {
  problems: Problem[]
  /** The documents as the file holds them (export format). */
  exported: SanityDocument[]
  /** What Sanity would hold after importing them: image asset references, plus the asset documents. */
  imported: SanityDocument[]
}

/**
 * Checks a `data.ndjson` in export format (images in images/ beside it): the export format, then
 * every rule of validateDocuments on what import would make of it. By default the dataset is the
 * file itself; pass `dataset(imported)` to check against where it is going instead.
 */
export async function validateExportedDataset(
  file: string,
  options: { dataset?: (imported: SanityDocument[]) => ValidationDataset | Promise<ValidationDataset> } = {},
): Promise<ExportedDatasetReport> {
  const problems: Problem[] = []
  const exported = readNdjsonDocuments(file, problems)
  await checkExportFormat(exported, join(dirname(file), 'images'), problems)
  const fileAssets = new Set(exported.filter((doc) => ASSET_TYPE.test(doc._type)).map((doc) => doc._id))
  const imported = importExportedDocuments(exported, { datasetDir: dirname(file) }) as SanityDocument[]
  const dataset = options.dataset ? await options.dataset(imported) : inMemoryDataset(imported)
  problems.push(...(await validateDocuments(imported, { dataset, skipSchema: fileAssets })))
  const order = new Map(imported.map((doc, index) => [doc._id, index]))
  problems.sort((a, b) => (order.get(a.docId) ?? -1) - (order.get(b.docId) ?? -1) || a.path.localeCompare(b.path))
  return { problems, exported, imported }
}

/** `<docId> <field path>: [warning: ]<message>`, as content:validate prints it. */
export function formatProblem(problem: Problem): string {
  const where = problem.path === '' ? '(document)' : problem.path
  const tag = problem.level === 'error' ? '' : `${problem.level}: `
  return `${problem.docId} ${where}: ${tag}${problem.message}`
}
