import { runCheckFile } from './harness'

// The checks are in structure.check.ts, run under tsx (Sanity is ES modules only; see harness.ts).
it('the desk (lists, ordering, the site settings singleton) and the singleton resolvers, through Sanity’s own builder and source', async () => {
  const passed = await runCheckFile('tests/unit/sanity/structure.check.ts')
  expect(passed).toHaveLength(7)
}, 120_000)
