/**
 * A failure the editor can act on: `message` is one line saying what went wrong and how to fix
 * it. The CLI prints it without a stack trace and exits 1.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CliError'
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** The network error code in an error or its causes (get-it and fetch wrap the socket's error). */
function connectionCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code
  }
  return undefined
}

/**
 * Turns what @sanity/client throws into a CliError: the backend cannot be reached, refuses the
 * token, or rejects the request (its own description, e.g. a mutation's). Anything else is a bug
 * and is returned unchanged, so it keeps its stack.
 */
export function explainBackendError(error: unknown, backend: string): unknown {
  if (error instanceof CliError) return error
  const code = connectionCode(error)
  if (code)
    return new CliError(
      `Cannot reach the content backend at ${backend} (${code}): start the lake with \`npm run lake\`, or set SANITY_LAKE_URL (or NEXT_PUBLIC_SANITY_PROJECT_ID) to a running one.`,
    )
  const status = (error as { statusCode?: unknown }).statusCode
  if (typeof status !== 'number') return error
  const body = (error as { responseBody?: unknown }).responseBody
  const description = describeBody(body) ?? (error as Error).message
  if (status === 401 || status === 403) {
    return new CliError(
      `The content backend at ${backend} refused the request (${status}: ${description}): set SANITY_API_WRITE_TOKEN to a token with Editor rights.`,
    )
  }
  return new CliError(`The content backend at ${backend} answered ${status}: ${description}`)
}

function describeBody(body: unknown): string | undefined {
  let parsed = body
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body)
    } catch {
      return body.slice(0, 200) || undefined
    }
  }
  const error = (parsed as { error?: unknown } | undefined)?.error
  if (typeof error === 'string') return error
  const description = (error as { description?: unknown } | undefined)?.description
  return typeof description === 'string' ? description : undefined
}
