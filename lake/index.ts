/**
 * The local stand-in for Sanity's Content Lake HTTP API: query, doc, mutate, listen and image
 * files for datasets in `sanity dataset export` NDJSON. See lake/README.md.
 */
export { startLake } from './server'
export type { Lake, LakeOptions } from './context'
export { webhooksFromEnv, type WebhookDefinition, type WebhookOperation } from './webhooks'
export { LakeError } from './errors'
export { NdjsonError, parseNdjson, toNdjson, type LakeDocument } from './ndjson'
export { exportDocuments, ExportFormatError, importExportedDocuments, type AssetMap, type ImportOptions } from './export-format'
export { runQuery, type RunOptions } from './execute'
export { DatasetView } from './view'
export { defaultPerspective, parsePerspective, type Perspective } from './perspective'
