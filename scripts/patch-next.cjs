/**
 * One change to Next's server code, made on install (`postinstall`).
 *
 * Next 16.4's IncrementalCache.set measures every entry it caches with `JSON.stringify(data).length`,
 * only to compare that with the fetch cache's 2 MB limit, and it does so for pages too, which the
 * limit never applies to. A page's entry holds its HTML, RSC payload and segment data as Buffers,
 * which JSON.stringify turns into arrays of numbers, one per byte: on this site about a quarter of
 * the server's CPU for a page's first render went there and into collecting the garbage it leaves
 * (CPU profile of 60 first renders: median 78 ms -> 59 ms with the change, `npm run bench`).
 * This makes the measurement happen only for fetch-cache entries, the one case that reads it.
 *
 * Written here rather than with patch-package: the code lives in about 25 minified bundles, whose
 * diffs would be half a megabyte of unreadable lines; one pattern states the change. Idempotent.
 * When a Next version no longer has the pattern, nothing is changed and a warning says so;
 * tests/unit/server/next-patch.test.ts fails until this file is reviewed (fixed upstream: delete it).
 */
const fs = require('node:fs')
const path = require('node:path')

/** `let size = JSON.stringify(data).length; if (ctx.fetchCache && size > ...`, minified or not. */
const UNPATCHED = /(let|const)(\s+)(\w+)(\s*)=(\s*)JSON\.stringify\((\w+)\)\.length;(\s*)if(\s*)\((\w+)\.fetchCache(\s*)&&(\s*)\3(\s*)>/g
const PATCHED = '$1$2$3$4=$5$9.fetchCache?JSON.stringify($6).length:0;$7if$8($9.fetchCache$10&&$11$3$12>'

/** The files of Next that hold IncrementalCache.set: its server bundles and the unbundled module. */
/** @param {string} nextDir */
function nextFiles(nextDir) {
  const bundles = path.join(nextDir, 'dist/compiled/next-server')
  return [
    ...fs
      .readdirSync(bundles)
      .filter((name) => name.endsWith('.js'))
      .map((name) => path.join(bundles, name)),
    path.join(nextDir, 'dist/server/lib/incremental-cache/index.js'),
    path.join(nextDir, 'dist/esm/server/lib/incremental-cache/index.js'),
  ].filter((file) => fs.existsSync(file))
}

/** Applies the change under `nextDir` (next's package folder); returns how many files it changed. @param {string} nextDir */
function patchNext(nextDir) {
  let patched = 0
  for (const file of nextFiles(nextDir)) {
    const source = fs.readFileSync(file, 'utf8')
    const changed = source.replace(UNPATCHED, PATCHED)
    if (changed !== source) {
      fs.writeFileSync(file, changed)
      patched++
    }
  }
  return patched
}

module.exports = { UNPATCHED, nextFiles, patchNext }

if (require.main === module) {
  let nextDir
  try {
    nextDir = path.dirname(require.resolve('next/package.json'))
  } catch {
    process.exit(0) // next is not installed (yet): nothing to change
  }
  const patched = patchNext(nextDir)
  const stillThere = nextFiles(nextDir).some((file) => new RegExp(UNPATCHED.source).test(fs.readFileSync(file, 'utf8')))
  if (stillThere) console.warn('[patch-next] some of Next\u2019s files still measure every cache entry: see scripts/patch-next.cjs')
  else if (patched > 0) console.log(`[patch-next] Next measures only fetch-cache entries now (${patched} files)`)
}
