/**
 * The `sanity` package is ES modules only, which Jest's CommonJS runtime cannot load; so the
 * Studio checks live in `*.check.ts` files that tsx runs, and a Jest test runs each file and
 * reads its report. Both halves are here: `runChecks` in the check file, `runCheckFile` in the test.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

type Check = [name: string, run: () => Promise<void> | void]

/** Runs each check in turn; prints `ok - name` or `not ok - name` with the failure; exits 1 if one failed. */
export async function runChecks(checks: Check[]): Promise<void> {
  let failed = 0
  for (const [name, run] of checks) {
    try {
      await run()
      console.log(`ok - ${name}`)
    } catch (error) {
      failed++
      console.log(`not ok - ${name}\n${String((error as Error).stack ?? error).replace(/^/gm, '  ')}`)
    }
  }
  process.exit(failed > 0 ? 1 : 0)
}

const run = promisify(execFile)
const root = path.resolve(__dirname, '../../..')

/** Runs a check file under tsx; resolves to the names of the checks that passed, rejects with the report if any failed. */
export async function runCheckFile(file: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [require.resolve('tsx/cli'), file], { cwd: root }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`${file} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
    },
  )
  if (/^not ok/m.test(stdout)) throw new Error(`${file} failed:\n${stdout}`)
  return [...stdout.matchAll(/^ok - (.*)$/gm)].map((match) => match[1] ?? '')
}
