import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type ClientConfig, createClient, type SanityClient } from '@sanity/client'

import { startLake } from '@/lake'

export const SAMPLE_DATASET = path.join(__dirname, '../../content/data.ndjson')

export type RunningLake = Awaited<ReturnType<typeof startLake>>

/** The real @sanity/client pointed at a lake, with the embedded default's settings (lib/content/api.ts). */
export function lakeClient(apiHost: string, options: Partial<ClientConfig> = {}): SanityClient {
  const local = { projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false, useProjectHostname: false }
  return createClient({ ...local, apiHost, ...options })
}

/**
 * Starts a lake on a free port serving `file` as the `production` dataset. With no `token` it
 * trusts every request (for tests of something else); the guard has its own tests.
 */
export function startTestLake(file: string = SAMPLE_DATASET, token: string | null = null): Promise<RunningLake> {
  return startLake({ token, port: 0, datasets: { production: file } })
}

/** A token for a test's lake (lake/access.ts wants at least 24 characters). */
export const testLakeToken = () => `lake-test-token-${randomBytes(12).toString('hex')}`

/**
 * A copy of the sample dataset with extra documents, in a temp folder. An extra document whose
 * `_id` is in the sample (e.g. `siteSettings`) replaces it; the others are appended.
 */
export function datasetWith(extra: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-dataset-'))
  const file = path.join(dir, 'data.ndjson')
  const replaced = new Set(extra.map((doc) => (doc as { _id?: unknown })._id))
  const sample = fs
    .readFileSync(SAMPLE_DATASET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !replaced.has((JSON.parse(line) as { _id: string })._id))
  fs.writeFileSync(file, `${[...sample, ...extra.map((doc) => JSON.stringify(doc))].join('\n')}\n`)
  // Image files sit beside the dataset, as `sanity dataset export` lays them out.
  fs.symlinkSync(path.join(path.dirname(SAMPLE_DATASET), 'images'), path.join(dir, 'images'))
  return file
}

/** Loads lib/content against a lake: the env is read once, at import, like in the site. */
export async function contentFor(lakeUrl: string) {
  process.env.SANITY_LAKE_URL = lakeUrl
  delete process.env.NEXT_PUBLIC_SANITY_PROJECT_ID
  let content: typeof import('@/lib/content') | undefined
  jest.isolateModules(() => {
    // jest.isolateModules is synchronous: a fresh copy of the module needs require().
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    content = require('@/lib/content')
  })
  return content as typeof import('@/lib/content')
}

/**
 * A private copy of the sample dataset and its image files, in a temp folder, for tests that write
 * (the Studio uploads images into `images/` beside the dataset: never into content/).
 */
export function datasetCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-dataset-'))
  fs.copyFileSync(SAMPLE_DATASET, path.join(dir, 'data.ndjson'))
  fs.cpSync(path.join(path.dirname(SAMPLE_DATASET), 'images'), path.join(dir, 'images'), { recursive: true })
  const assets = path.join(path.dirname(SAMPLE_DATASET), 'assets.json')
  if (fs.existsSync(assets)) fs.copyFileSync(assets, path.join(dir, 'assets.json'))
  return path.join(dir, 'data.ndjson')
}
