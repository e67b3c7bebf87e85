/**
 * Validates a dataset in Sanity's export format against the schema's OWN rules.
 *
 *   npm run content:validate -- [--dataset content/data.ndjson]
 *
 * Every document goes through `validateDocument` from the `sanity` package, the same function
 * the Studio and `sanity documents validate` use, with the compiled schema from
 * sanity/schemaTypes. Nothing here restates a rule. What the validators need from outside is
 * answered from the dataset in memory:
 * - `getClient().withConfig().fetch(groq, params)`: slug `isUnique` runs a GROQ query; groq-js
 *   evaluates it over the dataset.
 * - `getDocumentExists({id})`: reference fields check their target exists.
 * The file is in `sanity dataset export` format, so the schema rules run on what Sanity would hold
 * after `sanity dataset import`: lake/export-format.ts turns every `_sanityAsset` into an image
 * asset reference and adds the `sanity.imageAsset` documents import would create.
 * On top, checks the export format itself: no asset documents and no image asset references in
 * the file (export writes `_sanityAsset` instead), every `_sanityAsset` names a file in images/
 * beside the dataset whose sha1 and dimensions match its name, unique `_id`s, `_key` on array
 * objects, every `_ref` resolves.
 *
 * Prints `<docId> <field path>: <message>` per problem; exits 1 if any is an error.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

import { evaluate, parse } from 'groq-js'
import { createSchema, pathToString, validateDocument } from 'sanity'
import type { Path, SanityClient, SanityDocument, Workspace } from 'sanity'
import sharp from 'sharp'

import { findExportedAssets, IMAGE_ASSET_ID, importExportedDocuments, parseExportedImage } from '../lake/export-format'
import { schemaTypes } from '../sanity/schemaTypes'

type Level = 'error' | 'warning' | 'info'

/** The message of sanity's own unknown-field check (`unknownFieldsValidator`). */
const UNKNOWN_FIELD = /^Field '.+' does not exist on type '.+'$/
interface Problem {
  docId: string
  path: string
  message: string
  level: Level
}

function datasetPathFromArgs(argv: string[]): string {
  const flag = argv.indexOf('--dataset')
  const value = flag === -1 ? undefined : argv[flag + 1]
  if (flag !== -1 && !value) throw new Error('--dataset needs a file path')
  return resolve(value ?? 'content/data.ndjson')
}

function readNdjson(file: string, problems: Problem[]): SanityDocument[] {
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

/** Just enough of a SanityClient for the built-in validators: a GROQ `fetch` over the dataset. */
function inMemoryClient(docs: SanityDocument[]): SanityClient {
  const client = {
    fetch: async (query: string, params: Record<string, unknown> = {}) =>
      (await evaluate(parse(query, { params }), { dataset: docs, params })).get(),
    withConfig: () => client,
    clone: () => client,
    config: () => ({}),
  }
  // Cast: validators only call fetch/withConfig (see defaultIsUnique in sanity's validation).
  return client as unknown as SanityClient
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Walks a document for structure the schema cannot see: dangling `_ref`s and missing `_key`s. */
function checkStructure(doc: SanityDocument, ids: Set<string>, problems: Problem[]): void {
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
    if (typeof value._ref === 'string' && !ids.has(value._ref)) {
      const message = `reference to missing document "${value._ref}"`
      problems.push({ docId: doc._id, path: pathToString(path), message, level: 'error' })
    }
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key])
  }
  visit(doc, [])
}

/** sharp's format names for the extensions Sanity gives images. */
const FORMAT_OF_EXTENSION: Record<string, string> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', svg: 'svg', avif: 'heif', tiff: 'tiff' }

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
  const meta = await sharp(bytes).metadata().catch(() => undefined)
  if (!meta) return `image file images/${image.name} is not an image sharp can read`
  if (meta.width !== image.width || meta.height !== image.height) {
    return `image file images/${image.name} is ${meta.width}x${meta.height}, not ${image.width}x${image.height} as its name says`
  }
  if (meta.format !== FORMAT_OF_EXTENSION[image.extension]) return `image file images/${image.name} is ${meta.format}, not ${image.extension}`
  return undefined
}

/**
 * What import would reject or silently change: asset documents, image asset references, and
 * `_sanityAsset`s whose file is missing or does not match its name. A bad `_sanityAsset` is
 * removed (as `--allow-failing-assets` would leave the field without an asset), so the schema
 * rules still run on the rest of the document.
 */
async function checkExportFormat(docs: SanityDocument[], imagesDir: string, problems: Problem[]): Promise<void> {
  const error = (docId: string, path: string, message: string) => problems.push({ docId, path, message, level: 'error' })
  const fileChecks = new Map<string, Promise<string | undefined>>()
  for (const doc of docs) {
    if (/^sanity\.[a-zA-Z]+Asset$/.test(doc._type)) {
      error(doc._id, '', `asset document in the file: sanity dataset export writes none (the file goes in images/, image fields hold _sanityAsset), and sanity dataset import rejects it when it names another project`)
      continue
    }
    const visit = (value: unknown, path: Path): void => {
      if (Array.isArray(value)) return value.forEach((item, index) => visit(item, [...path, isRecord(item) && typeof item._key === 'string' ? { _key: item._key } : index]))
      if (!isRecord(value)) return
      const ref = isRecord(value.asset) ? value.asset._ref : undefined
      if (typeof ref === 'string' && IMAGE_ASSET_ID.test(ref)) {
        error(doc._id, pathToString(path), `image field holds an asset reference ("${ref}"); export format has _sanityAsset: "image@file://./images/<file>" instead`)
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

async function main(): Promise<number> {
  const datasetFile = datasetPathFromArgs(process.argv.slice(2))
  const problems: Problem[] = []

  const schema = createSchema({ name: 'insights', types: schemaTypes })
  // createSchema compiles an EMPTY schema when the definitions have errors; stop and say why.
  const schemaErrors = (schema._validation ?? []).flatMap((group) =>
    group.problems.filter((p) => p.severity === 'error').map((p) => `${group.path.map((s) => s.name).join('.')}: ${p.message}`),
  )
  if (schemaErrors.length > 0) {
    for (const line of schemaErrors) console.error(`schema ${line}`)
    return 1
  }

  const exported = readNdjson(datasetFile, problems)
  const imagesDir = join(dirname(datasetFile), 'images')
  await checkExportFormat(exported, imagesDir, problems)
  const fileAssets = new Set(exported.filter((doc) => /^sanity\.[a-zA-Z]+Asset$/.test(doc._type)).map((doc) => doc._id))
  // What Sanity would hold after `sanity dataset import` (refs and the asset documents it creates).
  const docs = importExportedDocuments(exported, { datasetDir: dirname(datasetFile) }) as SanityDocument[]
  const ids = new Set<string>()
  for (const doc of docs) {
    if (ids.has(doc._id)) problems.push({ docId: doc._id, path: '', message: 'duplicate _id', level: 'error' })
    ids.add(doc._id)
  }

  const client = inMemoryClient(docs)
  // validateDocument reads only `schema`, `i18n` (falls back to English) and `getClient`.
  const workspace = { schema, getClient: () => client } as unknown as Workspace

  await Promise.all(
    docs.map(async (doc) => {
      checkStructure(doc, ids, problems)
      // Import creates the image asset documents; asset documents in the file are reported above.
      if (doc._type === 'sanity.imageAsset' || fileAssets.has(doc._id)) return
      if (!schema.get(doc._type)) {
        problems.push({ docId: doc._id, path: '', message: `unknown type "${doc._type}"`, level: 'error' })
        return
      }
      const validate = (environment: 'studio' | 'cli') =>
        validateDocument({
          document: doc,
          workspace,
          environment,
          getClient: () => client,
          getDocumentExists: async ({ id }) => ids.has(id),
        })
      // Rules run as in the Studio. The 'cli' environment adds an unknown-field check, but it
      // does so by chaining `.warning()` onto every object rule, which demotes those rules'
      // errors and drops their messages; so only its unknown-field markers are kept.
      const [markers, cliMarkers] = await Promise.all([validate('studio'), validate('cli')])
      const unknownFields = cliMarkers.filter((m) => UNKNOWN_FIELD.test(m.message))
      for (const marker of markers) {
        problems.push({ docId: doc._id, path: pathToString(marker.path), message: marker.message, level: marker.level })
      }
      for (const marker of unknownFields) {
        problems.push({ docId: doc._id, path: pathToString(marker.path), message: marker.message, level: 'error' })
      }
    }),
  )

  // Validation runs concurrently; print in dataset order so runs can be compared.
  const order = new Map(docs.map((doc, index) => [doc._id, index]))
  problems.sort((a, b) => (order.get(a.docId) ?? -1) - (order.get(b.docId) ?? -1) || a.path.localeCompare(b.path))
  for (const p of problems) {
    const where = p.path === '' ? '(document)' : p.path
    const tag = p.level === 'error' ? '' : `${p.level}: `
    console.log(`${p.docId} ${where}: ${tag}${p.message}`)
  }
  const errors = problems.filter((p) => p.level === 'error').length
  const types = new Set(exported.map((d) => d._type))
  const images = docs.length - exported.length
  console.log(
    `${exported.length} documents (${types.size} types, ${images} image files) in ${datasetFile}: ${errors} errors, ${problems.length - errors} warnings`,
  )
  return errors > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(2)
  },
)
