/**
 * The fallback faces in app/globals.css take the room of the web fonts only while their numbers are
 * those next/font computes from the font files (size-adjust against Times New Roman for the serif,
 * Arial for the sans). A new cut of a font changes them: this test then says which to write.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.join(__dirname, '../../..')
const css = fs.readFileSync(path.join(ROOT, 'app/globals.css'), 'utf8')

/**
 * next/font's own computation (what `adjustFontFallback` would generate), in a plain Node process:
 * next/jest maps every module path containing `@next/font/` to a stub.
 */
function computedMetrics(file: string, category: string): Record<string, string> {
  const script = `
    const dir = ${JSON.stringify(path.join(ROOT, 'node_modules/next/dist/compiled/@next/font/dist'))}
    const fontkit = require(dir + '/fontkit').default
    const { getFallbackMetricsFromFontFile } = require(dir + '/local/get-fallback-metrics-from-font-file')
    const font = (fontkit.default ?? fontkit)(require('node:fs').readFileSync(${JSON.stringify(file)}))
    process.stdout.write(JSON.stringify(getFallbackMetricsFromFontFile(font, ${JSON.stringify(category)})))`
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))
}

function declared(family: string): Record<string, string> {
  const block = new RegExp(`@font-face\\s*{[^}]*font-family:\\s*'${family}';([^}]*)}`).exec(css)?.[1]
  if (!block) throw new Error(`no @font-face for '${family}' in app/globals.css`)
  const value = (name: string) => new RegExp(`${name}:\\s*([\\d.]+%)`).exec(block)?.[1]
  return { sizeAdjust: value('size-adjust')!, ascentOverride: value('ascent-override')!, descentOverride: value('descent-override')! }
}

it.each([
  ['Source Serif Fallback', 'source-serif-4-latin-wght-normal.woff2', 'serif', 'Times New Roman'],
  ['Inter Fallback', 'inter-latin-wght-normal.woff2', 'sans-serif', 'Arial'],
])("'%s' has the metrics next/font computes from %s", (family, file, category, shapedOn) => {
  const computed = computedMetrics(path.join(ROOT, 'app/fonts', file), category)
  expect(computed.fallbackFont).toBe(shapedOn)
  expect(declared(family)).toEqual({
    sizeAdjust: computed.sizeAdjust,
    ascentOverride: computed.ascentOverride,
    descentOverride: computed.descentOverride,
  })
  // Fallback faces of that shape on the machine's own copy of it or of a metric-compatible twin.
  expect(css).toMatch(new RegExp(`font-family: '${family}';\\s*src:\\s*local\\('${shapedOn}'\\)`))
})

it('the measure does not depend on the face drawn (em, not ch)', () => {
  expect(/--measure:\s*([^;]+);/.exec(css)?.[1]).toMatch(/^[\d.]+em$/)
})

it('names only fallback families that CSS reads unquoted (next/font writes the list without quotes)', () => {
  const fonts = fs.readFileSync(path.join(ROOT, 'app/fonts/fonts.ts'), 'utf8')
  const names = [...fonts.matchAll(/fallback: \[([^\]]*)\]/g)].flatMap(([, list]) =>
    [...list!.matchAll(/'([^']+)'/g)].map(([, name]) => name!),
  )
  expect(names).toContain('Source Serif Fallback')
  // One word starting with a digit ("Source Serif 4 Fallback") makes the whole font-family invalid.
  for (const name of names) expect({ name, valid: /^-?[A-Za-z_][\w-]*( -?[A-Za-z_][\w-]*)*$/.test(name) }).toEqual({ name, valid: true })
})
