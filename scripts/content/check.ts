/** Validation before a write, with the rules of `npm run content:validate` (scripts/content/validate.ts). */
import type { SanityClient, SanityDocument } from '@sanity/client'

import { backendDataset } from './backend-dataset'
import { CliError } from './errors'
import type { Problem } from './validate'

/**
 * The validation module, loaded on first use: importing `sanity` takes seconds, which commands
 * that do not validate should not wait for. (A kept-alive socket the backend closes meanwhile is
 * retried by the client, see client.ts.)
 */
export async function loadValidation() {
  const validation = await import('./validate')
  try {
    validation.loadSchema()
  } catch (error) {
    if (error instanceof validation.SchemaError) throw new CliError(`${error.message}: fix sanity/schemaTypes first.`)
    throw error
  }
  return validation
}

/**
 * Prints warnings; throws a CliError listing every error when there is one, e.g. `Not published:
 * article-x title: Every article needs a title. Fix FILE and run again; nothing was written.`
 */
export async function refuseProblems(problems: Problem[], refusal: string, fix: string): Promise<void> {
  const { formatProblem } = await import('./validate')
  for (const problem of problems.filter((p) => p.level !== 'error')) console.error(formatProblem(problem))
  const errors = problems.filter((p) => p.level === 'error')
  if (errors.length === 0) return
  throw new CliError(
    `${refusal}, ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.map(formatProblem).join('; ')}. ${fix}; nothing was written.`,
  )
}

/** Validates documents as they would be stored, against the backend they are going to. */
export async function checkBeforeWrite(client: SanityClient, docs: SanityDocument[], refusal: string, fix: string): Promise<void> {
  const { validateDocuments } = await loadValidation()
  const problems = await validateDocuments(docs, { dataset: await backendDataset(client, docs) })
  await refuseProblems(problems, refusal, fix)
}
