import { runCheckFile } from './harness'

// The checks are in schema.check.ts, run under tsx (Sanity is ES modules only; see harness.ts).
it('previews, initial values, groups, slugs and validation messages, with Sanity’s own validateDocument and resolveInitialValue', async () => {
  const passed = await runCheckFile('tests/unit/sanity/schema.check.ts')
  expect(passed).toHaveLength(12)
}, 120_000)
