import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Who may use the embedded default's Studio and the lake behind it (the site's `/studio` and
 * `/lake/*` but its public images). Editing the bundled content is meant for this machine: without
 * `STUDIO_PASSWORD` only requests from a loopback address that name the site by a loopback host
 * pass (a page elsewhere whose name resolves to 127.0.0.1 sends its own name: DNS rebinding), so
 * `npm start` on a server never hands write access to whoever opens `/studio`. A request that came
 * through a proxy (it carries `Forwarded`, `X-Forwarded-*`, `X-Real-IP` or `Via`) is not from this
 * machine even though it arrives from 127.0.0.1, and a page on another site (`Sec-Fetch-Site:
 * cross-site` or `same-site`, as an `<img>` tag sends without an `Origin`) is never the editor's.
 * With a password, any address may edit after HTTP Basic authentication (any user name, that
 * password). A reverse proxy that sends none of those headers (plain nginx) makes every visitor
 * look local: behind one, set STUDIO_PASSWORD.
 */
export type EditorAccess = { allowed: true } | { allowed: false; status: 401 | 403; reason: string; headers?: Record<string, string> }

export type EditorAccessOptions = {
  /** `STUDIO_PASSWORD`; empty or undefined means loopback only. */
  password?: string
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via']

export function editorAccess(req: IncomingMessage, options: EditorAccessOptions): EditorAccess {
  const host = hostName(req.headers.host)
  const origin = req.headers.origin
  // A browser says where a request comes from; it must be the site's own page (same host as asked for).
  if (origin !== undefined && originHost(origin) !== (req.headers.host ?? '').toLowerCase()) {
    return { allowed: false, status: 403, reason: `Origin "${origin}" may not use the Studio's content lake.` }
  }
  const site = req.headers['sec-fetch-site']
  // Following a link to /studio from elsewhere is fine (the page cannot be framed); a subresource is not.
  const navigation = req.headers['sec-fetch-mode'] === 'navigate' && req.method === 'GET'
  if (origin === undefined && !navigation && (site === 'cross-site' || site === 'same-site')) {
    return { allowed: false, status: 403, reason: 'A page on another site may not use the Studio or its content lake.' }
  }
  if (options.password) {
    if (passwordMatches(req.headers.authorization, options.password)) return { allowed: true }
    return {
      allowed: false,
      status: 401,
      reason: 'The Studio needs the editor password (STUDIO_PASSWORD).',
      headers: { 'www-authenticate': 'Basic realm="Insights Studio", charset="UTF-8"' },
    }
  }
  const proxied = PROXY_HEADERS.some((name) => req.headers[name] !== undefined)
  if (isLoopback(req.socket.remoteAddress) && LOOPBACK_HOSTS.has(host) && !proxied) return { allowed: true }
  return {
    allowed: false,
    status: 403,
    reason:
      'Editing the bundled content is available only on this machine (http://localhost). ' +
      'To edit from elsewhere, set STUDIO_PASSWORD, or configure a Sanity project.',
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}

/** `Host: Example.org:3000` -> `example.org`; `[::1]:3000` -> `[::1]`. */
function hostName(host: string | undefined): string {
  const value = (host ?? '').trim().toLowerCase()
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1)
  return value.replace(/:\d+$/, '')
}

function originHost(origin: string): string | null {
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null
  } catch {
    return null
  }
}

function passwordMatches(header: string | undefined, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!match) return false
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const given = decoded.slice(decoded.indexOf(':') + 1)
  // Compare digests: equal length, constant time.
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()
  return decoded.includes(':') && timingSafeEqual(digest(given), digest(password))
}
