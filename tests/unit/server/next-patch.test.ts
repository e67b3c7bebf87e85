/**
 * scripts/patch-next.cjs: Next measures the JSON size of fetch-cache entries only, not of every
 * page it caches (see that file for why). Checks the installed Next, and the change itself on
 * copies of both forms the code takes (minified bundles, the unbundled module).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UNPATCHED, nextFiles, patchNext } = require('../../../scripts/patch-next.cjs') as {
  UNPATCHED: RegExp
  nextFiles: (nextDir: string) => string[]
  patchNext: (nextDir: string) => number
}

const NEXT_DIR = path.dirname(require.resolve('next/package.json'))
const MINIFIED = `oute");n=oM(e,t),a=i}let i=JSON.stringify(t).length;if(r.fetchCache&&i>2097152&&!this.hasCustomCacheHandler){let t=\`(\${i} bytes)\``
const MODULE = `        // FetchCache has upper limit of 2MB per-entry currently
        const itemSize = JSON.stringify(data).length;
        if (ctx.fetchCache && itemSize > 2 * 1024 * 1024 && // We ignore the size limit
        !this.hasCustomCacheHandler) {`

describe('the installed Next', () => {
  it('measures only fetch-cache entries, in every file that holds the check (npm install ran the patch)', () => {
    const files = nextFiles(NEXT_DIR)
    const unpatched = files.filter((file) => new RegExp(UNPATCHED.source).test(fs.readFileSync(file, 'utf8')))
    expect(unpatched.map((file) => path.relative(NEXT_DIR, file))).toEqual([])
    // The bundle that renders this site's pages (Turbopack build) has the patched check.
    const pages = fs.readFileSync(path.join(NEXT_DIR, 'dist/compiled/next-server/app-page-turbo.runtime.prod.js'), 'utf8')
    expect(pages).toMatch(/let (\w+)=(\w+)\.fetchCache\?JSON\.stringify\(\w+\)\.length:0;if\(\2\.fetchCache&&\1>2097152/)
  })
})

describe('the patch', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'next-patch-'))
    fs.mkdirSync(path.join(dir, 'dist/compiled/next-server'), { recursive: true })
    fs.mkdirSync(path.join(dir, 'dist/server/lib/incremental-cache'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'dist/compiled/next-server/app-page.runtime.prod.js'), MINIFIED)
    fs.writeFileSync(path.join(dir, 'dist/compiled/next-server/app-page.runtime.prod.js.map'), MINIFIED)
    fs.writeFileSync(path.join(dir, 'dist/server/lib/incremental-cache/index.js'), MODULE)
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('computes the size only when the entry is a fetch-cache entry, in both forms, once', () => {
    expect(patchNext(dir)).toBe(2)
    expect(fs.readFileSync(path.join(dir, 'dist/compiled/next-server/app-page.runtime.prod.js'), 'utf8')).toBe(
      MINIFIED.replace('let i=JSON.stringify(t).length;', 'let i=r.fetchCache?JSON.stringify(t).length:0;'),
    )
    expect(fs.readFileSync(path.join(dir, 'dist/server/lib/incremental-cache/index.js'), 'utf8')).toBe(
      MODULE.replace('const itemSize = JSON.stringify(data).length;', 'const itemSize = ctx.fetchCache?JSON.stringify(data).length:0;'),
    )
    // Source maps are not code; a second run changes nothing.
    expect(fs.readFileSync(path.join(dir, 'dist/compiled/next-server/app-page.runtime.prod.js.map'), 'utf8')).toBe(MINIFIED)
    expect(patchNext(dir)).toBe(0)
  })

  it('leaves code that measures something else alone', () => {
    const other = 'let i=JSON.stringify(t).length;if(r.other&&i>2097152)'
    fs.writeFileSync(path.join(dir, 'dist/server/lib/incremental-cache/index.js'), other)
    fs.rmSync(path.join(dir, 'dist/compiled/next-server/app-page.runtime.prod.js'))
    expect(patchNext(dir)).toBe(0)
    expect(fs.readFileSync(path.join(dir, 'dist/server/lib/incremental-cache/index.js'), 'utf8')).toBe(other)
  })
})
