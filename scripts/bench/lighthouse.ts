/**
 * Lighthouse 12 with its default (mobile, simulated throttling) config against Debian's Chromium,
 * started here with a DevTools port and flags that keep it off the network. The median run's
 * full report goes to bench/results/lighthouse-<page>.json for reading the audits behind a score.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../../tests/helpers/ports'
import { CHROMIUM, CHROMIUM_FLAGS } from './browser'
import { onStop, spawnGroup } from './site'

export interface LighthouseResult {
  page: string
  /** Runs made; the figures are those of the run with the median performance score. */
  runs: number
  performanceRange: [number, number]
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number }
  lcpMs: number
  cls: number
  tbtMs: number
  /** Audits that cost points (score below 1), by category. */
  failing: { category: string; id: string; title: string; score: number | null; displayValue?: string }[]
}

async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort()
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-bench-chromium-'))
  const removeProfile = onStop(async () => fs.rmSync(profile, { recursive: true, force: true }))
  const chromium = spawnGroup(
    CHROMIUM,
    [
      ...CHROMIUM_FLAGS,
      '--headless=new',
      `--remote-debugging-port=${port}`,
      '--remote-debugging-address=127.0.0.1',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { cwd: profile, env: process.env },
  )
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/version`)
      if (response.ok) break
    } catch {
      if (chromium.child.exitCode !== null || Date.now() > deadline) {
        await chromium.stop()
        throw new Error(`chromium did not open its DevTools port:\n${chromium.log()}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  return {
    port,
    stop: async () => {
      await chromium.stop()
      await removeProfile()
    },
  }
}

const score = (value: number | null | undefined) => Math.round((value ?? 0) * 100)

type Lhr = NonNullable<Awaited<ReturnType<typeof import('lighthouse').default>>>['lhr']

function summariseRun(page: string, lhr: Lhr): LighthouseResult {
  const failing = Object.entries(lhr.categories).flatMap(([category, { auditRefs }]) =>
    auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id]!)
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => ({ category, id: audit.id, title: audit.title, score: audit.score, displayValue: audit.displayValue })),
  )
  return {
    page,
    runs: 1,
    performanceRange: [score(lhr.categories.performance?.score), score(lhr.categories.performance?.score)],
    scores: {
      performance: score(lhr.categories.performance?.score),
      accessibility: score(lhr.categories.accessibility?.score),
      bestPractices: score(lhr.categories['best-practices']?.score),
      seo: score(lhr.categories.seo?.score),
    },
    lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN),
    cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000,
    tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? NaN),
    failing,
  }
}

/**
 * `runs` Lighthouse runs per page; the one with the median performance score is reported (TBT
 * varies from run to run on a small machine), with the range of performance scores beside it.
 */
export async function measureLighthouse(siteUrl: string, pages: string[], reportDir: string, runs = 1): Promise<LighthouseResult[]> {
  // Lighthouse is ESM only.
  const { default: lighthouse } = await import('lighthouse')
  fs.mkdirSync(reportDir, { recursive: true })
  const chromium = await startChromium()
  const results: LighthouseResult[] = []
  try {
    for (const page of pages) {
      const lhrs: Lhr[] = []
      for (let i = 0, retried = 0; i < runs; i++) {
        const run = await lighthouse(`${siteUrl}${page}`, {
          port: chromium.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
          disableFullPageScreenshot: true,
        })
        if (!run) throw new Error(`lighthouse returned nothing for ${page}`)
        const error = run.lhr.runtimeError
        // Lighthouse's own trace recording now and then misses the navigation ("Please run
        // Lighthouse again"): that run is made again, twice at most; any other error stops the bench.
        if (error?.code === 'NO_NAVSTART' && retried < 2) {
          retried++
          i--
          continue
        }
        if (error) throw new Error(`lighthouse on ${page}: ${error.code} ${error.message}`)
        lhrs.push(run.lhr)
      }
      const performance = (lhr: Lhr) => lhr.categories.performance?.score ?? 0
      lhrs.sort((a, b) => performance(a) - performance(b))
      const median = lhrs[Math.floor((lhrs.length - 1) / 2)]!
      const name = page.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'
      fs.writeFileSync(path.join(reportDir, `lighthouse-${name}.json`), JSON.stringify(median))
      results.push({
        ...summariseRun(page, median),
        runs,
        performanceRange: [score(performance(lhrs[0]!)), score(performance(lhrs.at(-1)!))],
      })
    }
  } finally {
    await chromium.stop()
  }
  return results
}
