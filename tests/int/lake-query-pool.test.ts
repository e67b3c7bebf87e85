/**
 * The lake's query pool on its own: what a queued or abandoned query does to the ones behind it.
 */
import { QueryPool } from '@/lake/query-pool'

const docs = Array.from({ length: 50 }, (_, i) => ({ _id: `doc-${i}`, _type: 'thing', n: i }))
const message = (query: string) => ({ dataset: 'production', perspective: 'raw' as const, query, params: {}, maxResultBytes: 1 << 20 })
// Nested scans over 50 documents: slow enough to outlive a short budget.
const SLOW = 'count(*[count(*[n > ^.n && count(*[n < ^.n && count(*[n != ^.n]) > 0]) > 0]) > 0])'

let pool: QueryPool
beforeEach(async () => {
  pool = new QueryPool(
    1,
    () => [['production', docs]],
    () => {},
  )
  await pool.ready()
})
afterEach(() => pool.close())

it('a query that waited past its budget fails, and the one behind it still runs', async () => {
  const slow = pool.run(message(SLOW), 300)
  const expired = pool.run(message('count(*)'), 50)
  const live = pool.run(message('count(*)'), 5000)
  await expect(slow).rejects.toMatchObject({ status: 408 })
  await expect(expired).rejects.toMatchObject({ status: 408 })
  await expect(live).resolves.toBe('50')
})

it('a client that hangs up fails its own query only; the worker answers the next', async () => {
  const controller = new AbortController()
  const abandoned = pool.run(message('count(*[n > 1])'), 5000, controller.signal)
  controller.abort()
  await expect(abandoned).rejects.toMatchObject({ status: 499 })
  await expect(pool.run(message('count(*)'), 5000)).resolves.toBe('50')
})
