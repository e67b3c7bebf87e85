/**
 * What a mutation may write, checked before anything is applied. A path or key that could reach
 * `Object.prototype` (`__proto__`, `constructor`, `prototype`), or a system attribute the lake
 * owns (`_rev`, `_createdAt`, `_sanityAsset`, which the export format turns into assets...),
 * would poison the dataset in memory or in its file; such input fails the whole transaction.
 */

/**
 * Attributes starting with `_` that clients write inside documents (references, array keys,
 * types), `_upload`, the Studio's upload progress on an image field while its file uploads, and
 * `_resolvingInitialValue`, which it sets on a new array item until the item's initial value is in.
 */
const CLIENT_SYSTEM_KEYS = new Set(['_type', '_key', '_ref', '_weak', '_strengthenOnPublish', '_upload', '_resolvingInitialValue'])
/** Also allowed at the top of a document body; the lake sets _createdAt, _updatedAt and _rev itself. */
const DOCUMENT_KEYS = new Set([...CLIENT_SYSTEM_KEYS, '_id', '_createdAt', '_updatedAt', '_rev'])
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype'])
/** Attribute names as Sanity schemas allow them. */
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Sanity document ids: letters, digits, `_`, `-` and `.`-separated parts, at most 128 characters. */
const DOCUMENT_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/
/** How deep a written value may nest (Sanity's limit on attribute nesting is 20 levels). */
const MAX_DEPTH = 20

/** Why some input cannot be written: becomes a 400 mutationError naming it. */
export class InvalidInput extends Error {}

export function checkDocumentId(id: unknown): string {
  if (typeof id !== 'string' || id.length > 128 || !DOCUMENT_ID.test(id)) {
    throw new InvalidInput(
      `Invalid document ID ${JSON.stringify(id)}: use letters, digits, "_", "-" and "."-separated parts, at most 128 characters`,
    )
  }
  return id
}

function checkName(name: string, where: string, allowed: ReadonlySet<string>): void {
  if (FORBIDDEN_NAMES.has(name) || !ATTRIBUTE.test(name)) throw new InvalidInput(`Invalid attribute name "${name}" in ${where}`)
  if (name.startsWith('_') && !allowed.has(name)) throw new InvalidInput(`Attribute "${name}" in ${where} is reserved for the system`)
}

/** A value to write: plain JSON, keys that are attribute names, no reserved `_` keys, at most 20 levels deep. */
export function checkValue(value: unknown, where: string, depth = 0): void {
  if (depth > MAX_DEPTH) throw new InvalidInput(`${where} nests deeper than ${MAX_DEPTH} levels`)
  if (Array.isArray(value)) {
    for (const item of value) checkValue(item, where, depth + 1)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      checkName(key, where, CLIENT_SYSTEM_KEYS)
      checkValue(item, where, depth + 1)
    }
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InvalidInput(`${where} holds a number JSON cannot carry`)
  }
}

/** A document body (create, createOrReplace, createIfNotExists). */
export function checkDocumentBody(doc: Record<string, unknown>): void {
  const where = `document ${JSON.stringify(doc._id ?? '(new)')}`
  for (const [key, value] of Object.entries(doc)) {
    checkName(key, where, DOCUMENT_KEYS)
    checkValue(value, where, 1)
  }
}

export type PathSegment = { name: string } | { index: number } | { key: string }

/**
 * A patch path as Sanity writes it: attribute names joined by `.`, each followed by any number of
 * `[n]` or `[_key=="k"]`. Wildcards, filters, ranges and recursive descent are refused.
 */
export function parsePatchPath(path: unknown): PathSegment[] {
  if (typeof path !== 'string' || path.length === 0 || path.length > 1024)
    throw new InvalidInput(`Invalid patch path ${JSON.stringify(path)}`)
  const part = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[(?:-?\d+|_key\s*==\s*(?:"[^"\\[\]]*"|'[^'\\[\]]*'))\])*)$/
  const selector = /\[(?:(-?\d+)|_key\s*==\s*(?:"([^"]*)"|'([^']*)'))\]/g
  const segments: PathSegment[] = []
  for (const text of path.split('.')) {
    const m = part.exec(text)
    if (!m) throw new InvalidInput(`Invalid patch path "${path}": use attribute names with [index] or [_key=="key"]`)
    checkName(m[1]!, `patch path "${path}"`, CLIENT_SYSTEM_KEYS)
    segments.push({ name: m[1]! })
    for (const s of m[2]!.matchAll(selector)) segments.push(s[1] !== undefined ? { index: Number(s[1]) } : { key: s[2] ?? s[3]! })
  }
  return segments
}
