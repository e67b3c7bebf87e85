/** `npm run lake` as a developer runs it: prints the listening line, serves, exits 0 on SIGTERM. */
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(__dirname, '../..')

function startCli(args: string[]) {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'lake/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)
      if (m) resolve(m[1]!)
    })
    exited.then((code) => reject(new Error(`lake exited with ${code}: ${stderr}`)))
  })
  return { child, listening, exited, output: () => ({ stdout, stderr }) }
}

it('prints the listening line, answers queries and exits 0 on SIGTERM', async () => {
  const lake = startCli(['--port', '0', '--dataset', `production=${join(root, 'tests/fixtures/lake/data.ndjson')}`])
  const url = await lake.listening
  const res = await fetch(`${url}/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*[_type == "author"])')}`)
  expect((await res.json()).result).toBe(2)
  lake.child.kill('SIGTERM')
  expect(await lake.exited).toBe(0)
}, 30_000)

it('names the file and line when the dataset is malformed at start-up', async () => {
  const lake = startCli(['--port', '0', '--dataset', join(root, 'tests/fixtures/lake/malformed.ndjson')])
  expect(await lake.exited).toBe(1)
  expect(lake.output().stderr).toMatch(/malformed\.ndjson:3: invalid JSON/)
}, 30_000)
