import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = path.resolve(__dirname, '../../..')

// The checks themselves are in local-studio.check.ts: Sanity is ES modules only, so they run under tsx.
it('the local Studio auth store and config match what Sanity expects, and a configured project uses none of them', async () => {
  const { stdout } = await run(process.execPath, [require.resolve('tsx/cli'), 'tests/unit/sanity/local-studio.check.ts'], {
    cwd: root,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`local-studio.check.ts failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  })
  expect(stdout).not.toMatch(/^not ok/m)
  expect(stdout.match(/^ok - /gm)).toHaveLength(5)
}, 60_000)
