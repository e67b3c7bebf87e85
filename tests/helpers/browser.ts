import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page, type Request } from 'playwright-core'

import { startTestLake } from './lake'
import { freePort } from './ports'
import { ROOT, type RunningSite } from './site'

/**
 * Debian's Chromium: Playwright cannot download its own browser here (no internet), and CI
 * installs the same package with apt (.ci/run). Flags keep it from calling home.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

/** The two readers every browser test thinks about: a laptop and a phone held upright. */
export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  mobile: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
} satisfies Record<string, BrowserContextOptions>

export type Device = keyof typeof DEVICES
export type Scheme = 'light' | 'dark'

/** A lake, the built site reading from it, and one browser: what each browser test file starts once. */
export interface BrowserSite {
  url: string
  browser: Browser
  stop: () => Promise<void>
}

export async function startBrowserSite(): Promise<BrowserSite> {
  const lake = await startTestLake()
  const site = await startPrivateSite(lake.url).catch(async (error) => {
    await lake.close()
    throw error
  })
  const browser = await launchBrowser().catch(async (error) => {
    await site.stop()
    await lake.close()
    throw error
  })
  return {
    url: site.url,
    browser,
    stop: async () => {
      await browser.close()
      await site.stop()
      await lake.close()
    },
  }
}

/**
 * `next start` of the current build from a private copy of .next. A server writes the pages it
 * regenerates into its .next (server/route-cache) and later servers on that folder serve them: once
 * the HTTP tests retitle the seed article and revalidate it, every server started on the shared
 * folder shows the new title. The copy is the build alone: no route-cache, cache or dev folders.
 * The project's other files are symlinked (the OG image routes read fonts from app/fonts).
 */
async function startPrivateSite(lakeUrl: string): Promise<RunningSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-site-'))
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry !== '.next') fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry))
  }
  const build = path.join(ROOT, '.next')
  const skipped = new Set(['cache', 'dev', 'server/route-cache'].map((folder) => path.join(build, folder)))
  fs.cpSync(build, path.join(dir, '.next'), { recursive: true, filter: (source) => !skipped.has(source) })

  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', SANITY_LAKE_URL: lakeUrl }
  delete env.NEXT_PUBLIC_SANITY_PROJECT_ID
  const child = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const stop = () =>
    new Promise<void>((resolve) => {
      const removeCopy = () => fs.rmSync(dir, { recursive: true, force: true })
      if (child.exitCode !== null || child.signalCode !== null) return resolve(removeCopy())
      child.once('exit', () => resolve(removeCopy()))
      child.kill('SIGTERM')
    })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`next start exited (${child.exitCode}):\n${log}`)
    }
    try {
      await (await fetch(`${url}/robots.txt`, { signal: AbortSignal.timeout(2000) })).arrayBuffer()
      return { url, output: () => log, stop }
    } catch {
      if (Date.now() > deadline) {
        await stop()
        throw new Error(`next start did not answer in 60 s:\n${log}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

/**
 * Watches everything a browser context does and keeps what a reader should never meet: console
 * errors, uncaught page errors, failed requests, error responses, and requests leaving the site.
 */
export class PageGuard {
  private readonly origin: string
  private readonly notFoundPaths = new Set<string>()
  private readonly found: string[] = []
  private readonly foreign: string[] = []

  constructor(context: BrowserContext, siteUrl: string) {
    this.origin = new URL(siteUrl).origin
    context.on('request', (request) => {
      const url = request.url()
      // data: URLs are inline content, not requests to a host.
      if (!url.startsWith('data:') && new URL(url).origin !== this.origin) this.foreign.push(url)
    })
    context.on('requestfailed', (request) => {
      if (!isCancelledRouterFetch(request)) this.found.push(`request failed (${request.failure()?.errorText}): ${request.url()}`)
    })
    context.on('response', (response) => {
      const request = response.request()
      if (response.status() < 400) return
      if (response.status() === 404 && request.resourceType() === 'document' && this.isExpectedNotFound(request.url())) return
      if (isFaviconProbe(request)) return
      this.found.push(`HTTP ${response.status()} for ${request.resourceType()} ${request.url()}`)
    })
    context.on('console', (message) => {
      if (message.type() !== 'error') return
      // Chromium logs every 4xx document as "Failed to load resource"; the expected 404s are the point.
      if (/status of 404/.test(message.text()) && this.isExpectedNotFound(message.location().url)) return
      if (/status of 404/.test(message.text()) && new URL(message.location().url || 'about:blank').pathname === FAVICON) return
      this.found.push(`console error: ${message.text()} (${message.location().url})`)
    })
    context.on('weberror', (error) => this.found.push(`page error: ${error.error().message}`))
  }

  /** The document at `path` answers 404 on purpose (the not-found page is what we want to see). */
  expectNotFound(path: string): void {
    this.notFoundPaths.add(path)
  }

  /** Console errors, page errors, failed requests and error responses, in the order they happened. */
  problems(): string[] {
    return [...this.found]
  }

  /** Every request made to a host other than the site's own origin. */
  foreignRequests(): string[] {
    return [...this.foreign]
  }

  /** Both lists at once, so a failing check shows everything that went wrong. Compare to CLEAN. */
  report(): { problems: string[]; foreignRequests: string[] } {
    return { problems: this.problems(), foreignRequests: this.foreignRequests() }
  }

  private isExpectedNotFound(url: string): boolean {
    try {
      const parsed = new URL(url)
      return parsed.origin === this.origin && this.notFoundPaths.has(parsed.pathname)
    } catch {
      return false
    }
  }
}

/**
 * The App Router fetches RSC payloads (prefetches for links in view, navigations) and cancels the
 * ones it no longer needs, and leaving a page cancels what is still in flight: Chromium reports
 * those as net::ERR_ABORTED. A cancel is not a failure; any other error on such a fetch still is.
 */
function isCancelledRouterFetch(request: Request): boolean {
  return request.failure()?.errorText === 'net::ERR_ABORTED' && request.headers()['rsc'] === '1'
}

/** What PageGuard.report() says when nothing went wrong. */
export const CLEAN = { problems: [], foreignRequests: [] }

/**
 * Chromium asks for /favicon.ico on its own when a page names no icon; the site has none yet (an
 * app/icon file would add one), so that probe's 404 is a known gap, not something a page did.
 */
const FAVICON = '/favicon.ico'

function isFaviconProbe(request: Request): boolean {
  return new URL(request.url()).pathname === FAVICON
}

/** A reader: a fresh context (device, colour scheme) with one page, watched by a PageGuard. */
export interface Reader {
  page: Page
  guard: PageGuard
  close: () => Promise<void>
}

export async function openReader(site: BrowserSite, device: Device = 'desktop', colorScheme: Scheme = 'light'): Promise<Reader> {
  const context = await site.browser.newContext({ ...DEVICES[device], colorScheme, baseURL: site.url })
  // Fail a missing link or heading in seconds, well inside the test's own timeout.
  context.setDefaultTimeout(10_000)
  const guard = new PageGuard(context, site.url)
  const page = await context.newPage()
  return { page, guard, close: () => context.close() }
}
