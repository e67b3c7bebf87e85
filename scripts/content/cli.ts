/**
 * Scripted editing without the Studio, through @sanity/client against the configured backend: the
 * embedded lake at SANITY_LAKE_URL, or the Sanity project from the environment (with
 * SANITY_API_WRITE_TOKEN). Documents are checked with the rules of `npm run content:validate`
 * before anything is written.
 *
 *   npm run content -- <command> [args]
 *
 * A failure prints one line saying what went wrong and how to fix it, and exits 1
 * (CONTENT_CLI_TRACE=1 also prints the error underneath). A bug exits 2 with its stack.
 */
import { connect, type Backend } from './client'
import { deleteDocument } from './delete'
import { CliError, explainBackendError } from './errors'
import { exportDataset } from './export'
import { importDataset } from './import'
import { list } from './list'
import { previewLink } from './preview-link'
import { publish } from './publish'
import { set } from './set'
import { unpublish } from './unpublish'

const USAGE = `usage: npm run content -- <command> [args]

  publish FILE.json           create or replace published documents (one document, an array, or NDJSON; one transaction)
  set <id> <path> <json>      set a value at a path, e.g. set article-x title '"New title"' or set article-x 'authors[0]._ref' '"author-y"'
  unpublish <id>              remove the published document, keep its content as the draft drafts.<id>
  delete <id>                 remove the published document and its draft
  list [type]                 documents with id, type, title or name, slug, updatedAt; drafts marked
  export DIR                  the dataset in export format: DIR/data.ndjson and DIR/images/
  import DIR                  a dataset in export format into the backend (uploads images where the backend can)
  preview-link <slug> [--ttl 24h]
                              a signed link to the article's draft for someone without a Studio account (1m to 30d);
                              deleting its grant (Studio: Preview links) revokes it

Backend: the embedded lake at SANITY_LAKE_URL (default http://127.0.0.1:3999; start it with npm run lake),
or the Sanity project in NEXT_PUBLIC_SANITY_PROJECT_ID with a write token in SANITY_API_WRITE_TOKEN.`

const COMMANDS: Record<string, (backend: Backend, args: string[]) => Promise<void>> = {
  publish,
  set,
  unpublish,
  delete: deleteDocument,
  list,
  export: exportDataset,
  import: importDataset,
  'preview-link': previewLink,
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE)
    return command ? 0 : 1
  }
  const run = COMMANDS[command]
  if (!run) {
    console.error(`Unknown command "${command}": use one of ${Object.keys(COMMANDS).join(', ')}.\n\n${USAGE}`)
    return 1
  }
  let backend: Backend | undefined
  try {
    backend = connect()
    await run(backend, args)
    return 0
  } catch (error) {
    if (process.env.CONTENT_CLI_TRACE) console.error(error)
    const explained = explainBackendError(error, backend?.name ?? 'the content backend')
    if (!(explained instanceof CliError)) throw explained
    console.error(explained.message)
    return 1
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Not a failure the editor can fix: a bug, so the stack is worth having.
    console.error(error)
    process.exit(2)
  },
)
