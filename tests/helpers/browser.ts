import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page, type Request } from 'playwright-core'

import { CHROMIUM, CHROMIUM_FLAGS } from '../../scripts/bench/browser'

import { startTestLake } from './lake'
import { startSite } from './site'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
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
  const site = await startSite(lake.url).catch(async (error) => {
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
 * Watches everything a browser context does and keeps what a reader should never meet: console
 * errors, uncaught page errors, failed requests, error responses, and requests leaving the site.
 */
export class PageGuard {
  private readonly origin: string
  private readonly notFoundPaths = new Set<string>()
  private cancelledIsFine: (request: Request) => boolean = () => false
  private readonly found: string[] = []
  private readonly foreign: string[] = []
  private readonly warned = new Set<string>()

  constructor(context: BrowserContext, siteUrl: string) {
    this.origin = new URL(siteUrl).origin
    context.on('request', (request) => {
      const url = request.url()
      // data: URLs are inline content, not requests to a host.
      if (!url.startsWith('data:') && new URL(url).origin !== this.origin) this.foreign.push(url)
    })
    context.on('requestfailed', (request) => {
      if (!isCancelledRouterFetch(request) && !(request.failure()?.errorText === 'net::ERR_ABORTED' && this.cancelledIsFine(request)))
        this.found.push(`request failed (${request.failure()?.errorText}): ${request.url()}`)
    })
    context.on('response', (response) => {
      const request = response.request()
      if (response.status() < 400) return
      if (response.status() === 404 && request.resourceType() === 'document' && this.isExpectedNotFound(request.url())) return
      this.found.push(`HTTP ${response.status()} for ${request.resourceType()} ${request.url()}`)
    })
    context.on('console', (message) => {
      if (message.type() === 'warning') this.warned.add(message.text())
      if (message.type() !== 'error') return
      // Chromium logs every 4xx document as "Failed to load resource"; the expected 404s are the point.
      if (/status of 404/.test(message.text()) && this.isExpectedNotFound(message.location().url)) return
      this.found.push(`console error: ${message.text()} (${message.location().url})`)
    })
    context.on('weberror', (error) => this.found.push(`page error: ${error.error().message}`))
  }

  /** Requests the page itself may cancel (net::ERR_ABORTED) without that being a failure. */
  allowCancelled(predicate: (request: Request) => boolean): void {
    this.cancelledIsFine = predicate
  }

  /** The document at `path` answers 404 on purpose (the not-found page is what we want to see). */
  expectNotFound(path: string): void {
    this.notFoundPaths.add(path)
  }

  /** Console errors, page errors, failed requests and error responses, in the order they happened. */
  problems(): string[] {
    return [...this.found]
  }

  /** Console warnings, each once: not failures by themselves; a test decides which it accepts. */
  warnings(): string[] {
    return [...this.warned]
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
