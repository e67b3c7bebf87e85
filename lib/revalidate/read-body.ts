import { WebhookError } from './errors'

/** A Sanity webhook body is one document's projection: a megabyte is generous. */
export const MAX_BODY_BYTES = 1024 * 1024

function tooLarge(limit: number) {
  return new WebhookError(413, `The body is larger than ${limit} bytes`)
}

/**
 * The body as UTF-8 text, refused (413) past `limit` bytes. A declared Content-Length over the
 * limit is refused before reading; a chunked body is counted as it arrives and the stream is
 * cancelled at the limit, so no more than `limit` bytes (plus one chunk) are ever held.
 */
export async function readBodyWithin(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > limit) throw tooLarge(limit)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(limit)
    }
    text += decoder.decode(value, { stream: true })
  }
}
