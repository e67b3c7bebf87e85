import type { IncomingMessage, ServerResponse } from 'node:http'

import { LakeError } from './errors'

/**
 * Who may talk to the lake. The lake listens on a port any page in the editor's browser can
 * reach, so a request from a browser must come from an origin the lake serves (the site, and the
 * Studio under the site's /studio), and every request must name the lake itself in `Host` (a page
 * on attacker.example whose name resolves to 127.0.0.1, DNS rebinding, sends its own name).
 * Requests without `Origin` (server-side clients such as @sanity/client in Node) pass, unless a
 * browser marks them `Sec-Fetch-Site: cross-site` or `same-site` (a tag on another page).
 */
export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:3000']

export type RequestPolicy = {
  origins: ReadonlySet<string>
  /** `name:port` as a client writes it in `Host`, lower case. */
  hosts: ReadonlySet<string>
}

/** `http://localhost:3000/` -> `http://localhost:3000`; throws on anything that is not an http(s) origin. */
export function parseOrigin(value: string): string {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw new Error(`allowed origin "${value}" is not a URL like http://localhost:3000`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`allowed origin "${value}" must be scheme://host[:port] with nothing after it`)
  }
  return url.origin
}

/** The names the lake answers to on `port`: loopback names, the address it listens on, and `extra` (`name` or `name:port`). */
export function hostNames(port: number, listenHost: string, extra: readonly string[]): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]']
  if (listenHost && listenHost !== '0.0.0.0' && listenHost !== '::')
    names.push(listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost)
  const hosts = new Set<string>()
  const add = (name: string, withPort: boolean) => {
    const lower = name.trim().toLowerCase()
    if (!lower) return
    hosts.add(withPort ? `${lower}:${port}` : lower)
    if (withPort && port === 80) hosts.add(lower)
  }
  for (const name of names) add(name, true)
  for (const entry of extra) add(entry, !/:\d+$/.test(entry.trim()))
  return hosts
}

/** Throws 421 for a foreign `Host` and 403 for an `Origin` the lake does not serve; nothing has been read or done yet. */
export function checkRequest(policy: RequestPolicy, req: IncomingMessage): void {
  const host = (req.headers.host ?? '').toLowerCase()
  if (!policy.hosts.has(host)) {
    throw new LakeError(
      421,
      'misdirectedRequest',
      `Host "${host}" is not a name of this lake; add it to LAKE_ALLOWED_HOSTS if it should be`,
    )
  }
  const origin = req.headers.origin
  if (origin !== undefined && !policy.origins.has(origin)) {
    throw new LakeError(
      403,
      'httpForbidden',
      `Origin "${origin}" is not allowed to use this lake; add it to LAKE_ALLOWED_ORIGINS if it should be`,
    )
  }
  // An <img> or <script> tag on another site sends no Origin, but the browser says where the
  // request comes from: only same-origin, none (typed in, a bookmark) or no header (not a browser) pass.
  const site = req.headers['sec-fetch-site']
  if (origin === undefined && (site === 'cross-site' || site === 'same-site')) {
    throw new LakeError(403, 'httpForbidden', `A ${site} request without an allowed Origin may not use this lake`)
  }
}

/**
 * CORS for an allowed origin only (checkRequest has refused the others): that origin, with
 * credentials, and a preflight gets the methods and headers it asked for.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Vary', 'Origin')
  const origin = req.headers.origin
  if (!origin) return
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, OPTIONS')
    const asked = req.headers['access-control-request-headers']
    const headers =
      typeof asked === 'string' && /^[\w-]+(\s*,\s*[\w-]+)*$/.test(asked) ? asked : 'Authorization, Content-Type, X-Sanity-Project-Id'
    res.setHeader('Access-Control-Allow-Headers', headers)
    res.setHeader('Access-Control-Max-Age', '600')
  }
}
