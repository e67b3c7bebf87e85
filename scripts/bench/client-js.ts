/**
 * Client JavaScript a first visit downloads: each route in a fresh headless Chromium context,
 * every script response until the network is idle, its body length and its gzip -6 length.
 * A chunk every route loads is shared (the framework and the root layout); the rest is
 * page-specific. Inline scripts (the RSC payload Next streams into the HTML) are counted apart.
 */
import { gzipSync } from 'node:zlib'

import { chromium } from 'playwright-core'

import { CHROMIUM, CHROMIUM_FLAGS } from './browser'
import { onStop } from './site'

export interface Chunk {
  path: string
  bytes: number
  gzip: number
}

export interface RouteJs {
  route: string
  scripts: number
  bytes: number
  gzip: number
  /** Bytes of inline <script> text in the HTML (mostly the RSC payload). */
  inlineBytes: number
  pageSpecific: Chunk[]
  pageSpecificBytes: number
  pageSpecificGzip: number
}

export interface ClientJsResult {
  routes: RouteJs[]
  shared: Chunk[]
  sharedBytes: number
  sharedGzip: number
}

const sum = (chunks: Chunk[], key: 'bytes' | 'gzip') => chunks.reduce((n, chunk) => n + chunk[key], 0)

export async function measureClientJs(siteUrl: string, routes: string[]): Promise<ClientJsResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
  const closeBrowser = onStop(() => browser.close())
  try {
    const loaded: { route: string; chunks: Chunk[]; inlineBytes: number }[] = []
    for (const route of routes) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const pending: Promise<Chunk | null>[] = []
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return
        pending.push(
          response.body().then(
            (body) => ({ path: new URL(response.url()).pathname, bytes: body.length, gzip: gzipSync(body).length }),
            () => null,
          ),
        )
      })
      const response = await page.goto(`${siteUrl}${route}`, { waitUntil: 'networkidle' })
      if (!response?.ok()) throw new Error(`${route} answered ${response?.status()}`)
      const inlineBytes = await page.evaluate(() =>
        Array.from(document.querySelectorAll('script:not([src])')).reduce(
          (n, s) => n + new TextEncoder().encode(s.textContent ?? '').length,
          0,
        ),
      )
      const chunks = (await Promise.all(pending)).filter((chunk): chunk is Chunk => chunk !== null)
      loaded.push({ route, chunks, inlineBytes })
      await context.close()
    }
    const everywhere = (path: string) => loaded.every(({ chunks }) => chunks.some((chunk) => chunk.path === path))
    const shared = loaded[0]?.chunks.filter((chunk) => everywhere(chunk.path)) ?? []
    return {
      shared,
      sharedBytes: sum(shared, 'bytes'),
      sharedGzip: sum(shared, 'gzip'),
      routes: loaded.map(({ route, chunks, inlineBytes }) => {
        const pageSpecific = chunks.filter((chunk) => !everywhere(chunk.path))
        return {
          route,
          scripts: chunks.length,
          bytes: sum(chunks, 'bytes'),
          gzip: sum(chunks, 'gzip'),
          inlineBytes,
          pageSpecific,
          pageSpecificBytes: sum(pageSpecific, 'bytes'),
          pageSpecificGzip: sum(pageSpecific, 'gzip'),
        }
      }),
    }
  } finally {
    await closeBrowser()
  }
}
