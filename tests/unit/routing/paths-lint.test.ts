import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

/**
 * The lint rule in eslint.config.mjs that keeps every internal URL in lib/routing/paths.ts, run
 * through ESLint's Node API on snippets. ESLint loads its ES-module config with a dynamic import,
 * which Jest's module system refuses, so the linting runs in a child Node process. Only that rule
 * runs, so the test says nothing about the rest of the configuration.
 */
type Snippet = { name: string; code: string; filePath: string }

const LINT_SNIPPETS = `
import { ESLint } from 'eslint'
const snippets = JSON.parse(process.argv[1])
const eslint = new ESLint({ cwd: process.cwd(), ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax' })
const problems = {}
for (const { name, code, filePath } of snippets) {
  const [result] = await eslint.lintText(code, { filePath })
  problems[name] = result.messages.map((message) => message.ruleId + ': ' + message.message)
}
process.stdout.write(JSON.stringify(problems))
`

async function lint(snippets: Snippet[]): Promise<Record<string, string[]>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', LINT_SNIPPETS, JSON.stringify(snippets)], {
    cwd: process.cwd(),
  })
  return JSON.parse(stdout)
}

const HAND_BUILT =
  'no-restricted-syntax: Internal URLs come from lib/routing/paths.ts: use paths.article(slug), paths.topic(slug, { page }), ...'

const handBuilt: Record<string, string> = {
  'a template href':
    "import Link from 'next/link'\nexport const Card = ({ slug }: { slug: string }) => <Link href={`/insights/${slug}`}>Read</Link>\n",
  'a concatenated path': "export const topicHref = (slug: string) => '/topics/' + slug\n",
  'a search link with its query': 'export const searchHref = (q: string) => `/search?q=${encodeURIComponent(q)}`\n',
  'a paginated listing': "export const next = (page: number) => '/insights?page=' + page\n",
  'a feed link': "export const feed = '/feeds/rss.xml'\n",
  'a literal href': 'import Link from \'next/link\'\nexport const Home = () => <Link href="/">Home</Link>\n',
  'a literal form action': 'export const Search = () => <form action="/search" method="get" />\n',
}

const fromTheMap =
  "import Link from 'next/link'\nimport { paths } from '@/lib/routing/paths'\nexport const Card = ({ slug }: { slug: string }) => <Link href={paths.article(slug)}>Read</Link>\n"
const lookalikes = "export const links = ['https://example.com/insights/x', '/insightsful', 'search', '#main']\n"

let problems: Record<string, string[]>

beforeAll(async () => {
  problems = await lint([
    ...Object.entries(handBuilt).map(([name, code]) => ({ name, code, filePath: 'components/Example.tsx' })),
    { name: 'in a route', code: handBuilt['a template href'] ?? '', filePath: 'app/(site)/example/page.tsx' },
    { name: 'from the map', code: fromTheMap, filePath: 'components/Example.tsx' },
    { name: 'lookalikes', code: lookalikes, filePath: 'components/Example.tsx' },
    { name: 'the map itself', code: handBuilt['a concatenated path'] ?? '', filePath: 'lib/routing/paths.ts' },
  ])
}, 60_000)

describe('the lint rule against hand-built internal URLs', () => {
  it.each(Object.keys(handBuilt))('flags %s in a component', (name) => {
    expect(problems[name]).toEqual([HAND_BUILT])
  })

  it('flags a hand-built URL in a route too', () => {
    expect(problems['in a route']).toEqual([HAND_BUILT])
  })

  it('accepts a link from the map', () => {
    expect(problems['from the map']).toEqual([])
  })

  it('accepts external links and paths that only look alike', () => {
    expect(problems['lookalikes']).toEqual([])
  })

  it('lets the map itself spell out the paths', () => {
    expect(problems['the map itself']).toEqual([])
  })
})
