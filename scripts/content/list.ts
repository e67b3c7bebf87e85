/** `list [type]`: every document (drafts marked), or those of one type: id, type, title or name, slug, updatedAt. */
import type { Backend } from './client'
import { DRAFT_PREFIX } from './documents'
import { CliError } from './errors'

type Row = { _id: string; _type: string; title: string | null; slug: string | null; _updatedAt: string | null }

// Assets and system documents are not content an editor lists.
const LIST_QUERY = `*[!(_id in path("_.**")) && !string::startsWith(_type, "sanity.") && (!defined($type) || _type == $type)]
  | order(_type asc, _id asc) {_id, _type, "title": coalesce(title, name), "slug": slug.current, _updatedAt}`

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export async function list({ client, name }: Backend, args: string[]): Promise<void> {
  if (args.length > 1) throw new CliError('list takes at most one document type: npm run content -- list article')
  const [type] = args
  const rows = await client.fetch<Row[]>(LIST_QUERY, { type: type ?? null })
  if (rows.length === 0) {
    console.log(type ? `No documents of type "${type}" in ${name}.` : `No documents in ${name}.`)
    return
  }
  const table = rows.map((row) => [
    row._id.startsWith(DRAFT_PREFIX) ? `${row._id} (draft)` : row._id,
    row._type,
    truncate(row.title ?? '', 60),
    row.slug ?? '',
    row._updatedAt ?? '',
  ])
  const header = ['id', 'type', 'title', 'slug', 'updatedAt']
  const widths = header.map((label, column) => Math.max(label.length, ...table.map((cells) => cells[column]!.length)))
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(column === cells.length - 1 ? 0 : widths[column]!)).join('  ')
  console.log([line(header), ...table.map(line)].join('\n'))
  console.log(
    `${rows.length} document${rows.length === 1 ? '' : 's'}${rows.some((row) => row._id.startsWith(DRAFT_PREFIX)) ? ', drafts marked (draft)' : ''}`,
  )
}
