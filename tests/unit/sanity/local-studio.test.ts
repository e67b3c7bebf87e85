import { runCheckFile } from './harness'

// The checks themselves are in local-studio.check.ts: Sanity is ES modules only, so they run under tsx.
it('the local Studio auth store and config match what Sanity expects, and a configured project uses none of them', async () => {
  expect(await runCheckFile('tests/unit/sanity/local-studio.check.ts')).toHaveLength(6)
}, 60_000)
