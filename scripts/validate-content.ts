/**
 * Validates a dataset in Sanity's export format against the schema's OWN rules.
 *
 *   npm run content:validate -- [--dataset content/data.ndjson]
 *
 * The rules live in scripts/content/validate.ts (shared with `npm run content`, which checks
 * documents before it writes them): Sanity's `validateDocument` with the compiled schema, run on
 * what Sanity would hold after `sanity dataset import`; the export format itself (no asset
 * documents or image asset references in the file, every `_sanityAsset` names a file in images/
 * whose sha1 and dimensions match its name); unique `_id`s, `_key` on array objects, every `_ref`
 * resolves. The dataset the rules consult (references, unique slugs) is the file itself.
 *
 * Prints `<docId> <field path>: <message>` per problem; exits 1 if any is an error.
 */
import { resolve } from 'node:path'

import { formatProblem, loadSchema, SchemaError, validateExportedDataset } from './content/validate'

function datasetPathFromArgs(argv: string[]): string {
  const flag = argv.indexOf('--dataset')
  const value = flag === -1 ? undefined : argv[flag + 1]
  if (flag !== -1 && !value) throw new Error('--dataset needs a file path')
  return resolve(value ?? 'content/data.ndjson')
}

async function main(): Promise<number> {
  const datasetFile = datasetPathFromArgs(process.argv.slice(2))
  try {
    loadSchema()
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error
    for (const line of error.problems) console.error(`schema ${line}`)
    return 1
  }

  const { problems, exported, imported } = await validateExportedDataset(datasetFile)
  for (const problem of problems) console.log(formatProblem(problem))
  const errors = problems.filter((p) => p.level === 'error').length
  const types = new Set(exported.map((d) => d._type))
  const images = imported.length - exported.length
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
