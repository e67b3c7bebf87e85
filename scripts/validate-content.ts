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
 * On top, checks the export format itself: unique `_id`s, `_key` on array objects, every `_ref`
 * resolves, every image asset's file is in images/ beside the dataset.
 *
 * Prints `<docId> <field path>: <message>` per problem; exits 1 if any is an error.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

import { evaluate, parse } from 'groq-js'
import { createSchema, pathToString, validateDocument } from 'sanity'
import type { Path, SanityClient, SanityDocument, Workspace } from 'sanity'

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

function checkAssetFile(doc: SanityDocument, imagesDir: string, problems: Problem[]): void {
  const match = /^image-([a-f0-9]{40})-(\d+x\d+)-([a-z0-9]+)$/.exec(doc._id)
  const file = match ? join(imagesDir, `${match[1]}-${match[2]}.${match[3]}`) : undefined
  if (!file || !existsSync(file)) {
    const message = `image file ${file ?? '(id is not image-<sha1>-<w>x<h>-<ext>)'} is missing`
    problems.push({ docId: doc._id, path: '', message, level: 'error' })
  }
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

  const docs = readNdjson(datasetFile, problems)
  const ids = new Set<string>()
  for (const doc of docs) {
    if (ids.has(doc._id)) problems.push({ docId: doc._id, path: '', message: 'duplicate _id', level: 'error' })
    ids.add(doc._id)
  }

  const client = inMemoryClient(docs)
  // validateDocument reads only `schema`, `i18n` (falls back to English) and `getClient`.
  const workspace = { schema, getClient: () => client } as unknown as Workspace
  const imagesDir = join(dirname(datasetFile), 'images')

  await Promise.all(
    docs.map(async (doc) => {
      checkStructure(doc, ids, problems)
      if (doc._type === 'sanity.imageAsset') return checkAssetFile(doc, imagesDir, problems)
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
  const types = new Set(docs.map((d) => d._type))
  console.log(
    `${docs.length} documents (${types.size} types) in ${datasetFile}: ${errors} errors, ${problems.length - errors} warnings`,
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
