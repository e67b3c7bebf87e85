/**
 * How the content door tells "the source is down" from "this query is wrong": only the first
 * makes the site fail fast and answer 503 (lib/content/availability.ts, server/policy.ts).
 */
import { contentSourceDown, markContentSourceUp } from '@/lib/content/availability'

import { freePort } from '../helpers/ports'
import { type RunningLake, startTestLake } from '../helpers/lake'

type Door = { fetch: typeof import('@/lib/content/fetch'); errors: typeof import('@/lib/content/errors') }

function doorFor(lakeUrl: string): Door {
  process.env.SANITY_LAKE_URL = lakeUrl
  delete process.env.NEXT_PUBLIC_SANITY_PROJECT_ID
  let door: Door | undefined
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    door = { fetch: require('@/lib/content/fetch'), errors: require('@/lib/content/errors') }
  })
  return door as Door
}

let lake: RunningLake
beforeAll(async () => {
  lake = await startTestLake()
})
afterAll(() => lake.close())
afterEach(() => markContentSourceUp())

it('a query the source refuses is query_failed, and the source still counts as up', async () => {
  const door = doorFor(lake.url)
  await expect(door.fetch.fetchRaw({ name: 'broken', query: '*[_type == ', tags: [] })).rejects.toMatchObject({ code: 'query_failed' })
  expect(contentSourceDown()).toBe(false)
})

it('a source that does not answer is source_unavailable, and the next query fails at once', async () => {
  const door = doorFor(`http://127.0.0.1:${await freePort()}`)
  await expect(door.fetch.fetchRaw({ name: 'first', query: 'count(*)', tags: [] })).rejects.toMatchObject({ code: 'source_unavailable' })
  expect(contentSourceDown()).toBe(true)
  // Refused by the door itself: no reason from a connection attempt follows the message.
  await expect(door.fetch.fetchRaw({ name: 'second', query: 'count(*)', tags: [] })).rejects.toThrow(
    /^The content source is not answering \(query second\)$/,
  )
})

it('the source counts as up again once a query succeeds', async () => {
  const dead = doorFor(`http://127.0.0.1:${await freePort()}`)
  await expect(dead.fetch.fetchRaw({ name: 'first', query: 'count(*)', tags: [] })).rejects.toMatchObject({ code: 'source_unavailable' })
  expect(contentSourceDown()).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 1100)) // past the one-try-a-second window
  const live = doorFor(lake.url)
  await expect(live.fetch.fetchRaw({ name: 'count', query: 'count(*)', tags: [] })).resolves.toEqual(expect.any(Number))
  expect(contentSourceDown()).toBe(false)
})
