/**
 * Debian's Chromium, headless, with the flags that keep it from calling home. Playwright cannot
 * download its own browser here; CI installs this package with apt (.ci/run). Used by the bench
 * and the browser tests alike.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-default-browser-check',
  '--metrics-recording-only',
]
