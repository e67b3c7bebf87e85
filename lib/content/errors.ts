/**
 * One error type for everything that can go wrong between a route and the content source.
 * It carries the facts a person needs to find the problem: which query, which document,
 * which field.
 */
type ContentErrorCode = 'invalid_document' | 'query_failed' | 'source_unavailable' | 'preview_unavailable'

interface ContentErrorFacts {
  /** The loader's name for the query, e.g. `articleBySlug`. */
  query?: string
  /** The `_id` of the document that failed validation, when known. */
  documentId?: string
  /** The field path inside the result, e.g. `authors.0.name`. */
  path?: string
}

export class ContentError extends Error {
  readonly code: ContentErrorCode
  readonly facts: ContentErrorFacts

  constructor(code: ContentErrorCode, message: string, facts: ContentErrorFacts = {}, options?: { cause?: unknown }) {
    const where = [
      facts.query && `query ${facts.query}`,
      facts.documentId && `document ${facts.documentId}`,
      facts.path && `field ${facts.path}`,
    ].filter(Boolean)
    super(where.length ? `${message} (${where.join(', ')})` : message, options)
    this.name = 'ContentError'
    this.code = code
    this.facts = facts
  }
}
