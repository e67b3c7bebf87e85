/**
 * Applies one checked patch to a copy of a document. Every path was parsed by parsePatchPath, so
 * no segment names `__proto__`, `constructor` or `prototype`, and attributes are read as own
 * properties only: nothing here can reach Object.prototype.
 */
import {InvalidInput, parsePatchPath, type PathSegment} from './mutation-input'
import type {LakeDocument} from './ndjson'

type Container = Record<string, unknown> | unknown[]

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Where a segment points inside `container`: an attribute name, or an array position (-1 when none). */
function locate(container: unknown, segment: PathSegment): {object: Record<string, unknown>; name: string} | {array: unknown[]; at: number} | null {
  if ('name' in segment) return isObject(container) ? {object: container, name: segment.name} : null
  if (!Array.isArray(container)) return null
  if ('index' in segment) {
    const at = segment.index < 0 ? container.length + segment.index : segment.index
    return {array: container, at: at >= 0 && at < container.length ? at : -1}
  }
  return {array: container, at: container.findIndex((item) => isObject(item) && item._key === segment.key)}
}

function read(container: unknown, segment: PathSegment): unknown {
  const place = locate(container, segment)
  if (!place) return undefined
  if ('object' in place) return Object.hasOwn(place.object, place.name) ? place.object[place.name] : undefined
  return place.at >= 0 ? place.array[place.at] : undefined
}

/** The container the last segment lives in; with `create`, missing attributes on the way become objects. */
function parentOf(doc: Container, segments: PathSegment[], create: boolean): unknown {
  let node: unknown = doc
  for (const segment of segments.slice(0, -1)) {
    let next = read(node, segment)
    if (next === undefined && create && 'name' in segment && isObject(node)) {
      next = {}
      node[segment.name] = next
    }
    if (typeof next !== 'object' || next === null) return undefined
    node = next
  }
  return node
}

function get(doc: Container, segments: PathSegment[]): unknown {
  return read(parentOf(doc, segments, false), segments[segments.length - 1]!)
}

function set(doc: Container, segments: PathSegment[], value: unknown): void {
  const place = locate(parentOf(doc, segments, true), segments[segments.length - 1]!)
  if (!place) return
  if ('object' in place) place.object[place.name] = structuredClone(value)
  else if (place.at >= 0) place.array[place.at] = structuredClone(value)
}

function unset(doc: Container, segments: PathSegment[]): void {
  const place = locate(parentOf(doc, segments, false), segments[segments.length - 1]!)
  if (!place) return
  if ('object' in place) delete place.object[place.name]
  else if (place.at >= 0) place.array.splice(place.at, 1)
}

function insert(doc: Container, spec: Record<string, unknown>): void {
  const where = (['before', 'after', 'replace'] as const).find((w) => spec[w] !== undefined)!
  const segments = parsePatchPath(spec[where])
  const last = segments[segments.length - 1]!
  if ('name' in last) throw new InvalidInput(`insert ${where} needs an array item path like items[0] or items[_key=="k"]`)
  const place = locate(get(doc, segments.slice(0, -1)), last)
  if (!place || 'object' in place) return
  const items = structuredClone(spec.items as unknown[])
  if (place.at < 0) {
    if (place.array.length === 0 && where !== 'replace') place.array.push(...items)
    return
  }
  if (where === 'replace') place.array.splice(place.at, 1, ...items)
  else place.array.splice(where === 'before' ? place.at : place.at + 1, 0, ...items)
}

/** Operations in the order @sanity/mutator applies them: setIfMissing, set, unset, inc, dec, insert. */
export function applyPatch(doc: LakeDocument, patch: Record<string, unknown>): LakeDocument {
  const next = structuredClone(doc) as LakeDocument
  const entries = (name: string) => Object.entries((patch[name] ?? {}) as Record<string, unknown>).map(([path, value]) => [parsePatchPath(path), value] as const)
  for (const [path, value] of entries('setIfMissing')) if (get(next, path) === undefined) set(next, path, value)
  for (const [path, value] of entries('set')) set(next, path, value)
  for (const path of (patch.unset ?? []) as unknown[]) unset(next, parsePatchPath(path))
  for (const [sign, name] of [[1, 'inc'], [-1, 'dec']] as const) {
    for (const [path, by] of entries(name)) {
      const current = get(next, path)
      if (typeof current === 'number') set(next, path, current + sign * (by as number))
    }
  }
  if (patch.insert !== undefined) insert(next, patch.insert as Record<string, unknown>)
  return next
}
