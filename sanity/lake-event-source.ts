/**
 * All of a page's lake listeners over one connection. The Studio keeps five or six listeners
 * open (@sanity/client's `listen`, each a browser `EventSource`), and a browser opens at most six
 * HTTP/1.1 connections per host: every other request to the site would wait for ever.
 *
 * `installLakeEventSource(prefix)` replaces `globalThis.EventSource` with a constructor that,
 * for a listen URL under `prefix` (`<prefix>/v{v}/data/listen/...`; prefix absolute, e.g.
 * `http://localhost:3000/lake`), returns an emulated EventSource that runs over the lake's
 * listen multiplexer (lake/endpoints/mux.ts): one native EventSource to `<prefix>/v1/mux` for the
 * whole page, opened with the first listener and closed with the last, and a POST per listener
 * opened or closed. Any other URL gets the native EventSource, unchanged.
 *
 * The emulation behaves as @sanity/client's connectEventSource expects of a native one: `open`,
 * then the listener's named events (`welcome`, `mutation`, `channelError`, `disconnect`...) as
 * MessageEvents with `data` and `lastEventId`, `readyState` and `CLOSED`. When the shared
 * connection drops, every listener gets `error` with readyState CONNECTING (a native reconnect;
 * the client emits `reconnect`), and once it is back each is opened again: `open`, then a new
 * `welcome`. A listener the lake refuses (a 400 for a bad query, a 404 dataset...) is closed with
 * an `error` event, as a native EventSource is on a non-200 answer; the event also carries the
 * answer's `status` (as the polyfill @sanity/client uses in Node does), so the client gives up on
 * a 4xx instead of retrying it every second. Only that listener closes.
 *
 * A no-op outside a browser (no `window`, e.g. server rendering) and where there is no native
 * EventSource; installing again with the same prefix changes nothing.
 */
const INSTALLED = Symbol.for('insights.lakeEventSource')
const MUX_PATH = '/v1/mux'
const LISTEN_PATH = /^\/v[^/?#]+\/data\/listen\/[^/?#]+(?:[?#]|$)/
const MAX_RETRY_MS = 15_000

type NativeEventSource = typeof EventSource
type Installed = { Native: NativeEventSource; muxes: Map<string, Mux> }

export function installLakeEventSource(prefix: string): void {
  if (typeof window === 'undefined') return
  const g = globalThis as unknown as { EventSource?: NativeEventSource & { [INSTALLED]?: Installed } }
  const current = g.EventSource
  if (!current) return
  const base = new URL(prefix)
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`lake prefix must be an http(s) URL, got "${prefix}"`)
  const key = base.href.replace(/\/+$/, '')

  const installed = current[INSTALLED]
  if (installed) {
    if (!installed.muxes.has(key)) installed.muxes.set(key, new Mux(key, installed.Native))
    return
  }
  const state: Installed = { Native: current, muxes: new Map([[key, new Mux(key, current)]]) }
  const Native = current

  function LakeEventSource(this: unknown, url: string | URL, init?: EventSourceInit): EventSource {
    if (!new.target) throw new TypeError("Failed to construct 'EventSource': Please use the 'new' operator")
    const href = resolve(url)
    if (href) {
      for (const [muxPrefix, mux] of state.muxes) {
        if (href.startsWith(`${muxPrefix}/`) && LISTEN_PATH.test(href.slice(muxPrefix.length))) {
          return new MuxEventSource(href, href.slice(muxPrefix.length), init, mux) as unknown as EventSource
        }
      }
    }
    return new Native(url, init)
  }
  Object.defineProperties(LakeEventSource, {
    CONNECTING: { value: 0, enumerable: true },
    OPEN: { value: 1, enumerable: true },
    CLOSED: { value: 2, enumerable: true },
    [INSTALLED]: { value: state },
    [Symbol.hasInstance]: { value: (value: unknown) => value instanceof Native || value instanceof MuxEventSource },
  })
  LakeEventSource.prototype = Native.prototype
  g.EventSource = LakeEventSource as unknown as NativeEventSource
}

function resolve(url: string | URL): string | undefined {
  try {
    const base = (globalThis as { location?: { href?: string } }).location?.href
    return new URL(String(url), base).href
  } catch {
    return undefined
  }
}

type Handler = ((this: EventSource, event: Event) => unknown) | null

/** One listener, as an EventSource, over the page's shared mux connection. */
class MuxEventSource extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSED = 2
  readonly url: string
  readonly withCredentials: boolean
  private state = 0
  private readonly handlers = new Map<string, { fn: Handler; listener: (event: Event) => void }>()
  private readonly id: string
  private readonly origin: string

  constructor(
    url: string,
    path: string,
    init: EventSourceInit | undefined,
    private readonly mux: Mux,
  ) {
    super()
    this.url = url
    this.withCredentials = Boolean(init?.withCredentials)
    this.origin = new URL(url).origin
    this.id = mux.add(this, path)
  }

  get readyState(): number {
    return this.state
  }

  get onopen(): Handler {
    return this.handler('open')
  }
  set onopen(fn: Handler) {
    this.setHandler('open', fn)
  }
  get onmessage(): Handler {
    return this.handler('message')
  }
  set onmessage(fn: Handler) {
    this.setHandler('message', fn)
  }
  get onerror(): Handler {
    return this.handler('error')
  }
  set onerror(fn: Handler) {
    this.setHandler('error', fn)
  }

  close(): void {
    if (this.state === 2) return
    this.state = 2
    this.mux.remove(this.id)
  }

  /** @internal The lake answered 200: the listener is open (again). */
  opened(): void {
    if (this.state === 2) return
    this.state = 1
    this.dispatchEvent(new Event('open'))
  }

  /** @internal One of the listener's events. */
  message(type: string, data: string, lastEventId: string): void {
    if (this.state !== 1) return
    this.dispatchEvent(messageEvent(type, { data, lastEventId, origin: this.origin }))
  }

  /** @internal The connection dropped; it will be opened again (readyState CONNECTING), or the lake refused it (CLOSED). */
  failed(closed: boolean, status?: number): void {
    if (this.state === 2) return
    this.state = closed ? 2 : 0
    const event = new Event('error')
    if (status !== undefined) Object.defineProperty(event, 'status', { value: status, enumerable: true })
    this.dispatchEvent(event)
  }

  private handler(type: string): Handler {
    return this.handlers.get(type)?.fn ?? null
  }

  /** An `on<type>` attribute: one listener, kept in its place while the function is swapped. */
  private setHandler(type: string, fn: Handler): void {
    const entry = this.handlers.get(type)
    if (typeof fn !== 'function') {
      if (entry) this.removeEventListener(type, entry.listener)
      this.handlers.delete(type)
      return
    }
    if (entry) {
      entry.fn = fn
      return
    }
    const created = { fn, listener: (event: Event) => void created.fn?.call(this as unknown as EventSource, event) }
    this.handlers.set(type, created)
    this.addEventListener(type, created.listener)
  }
}

function messageEvent(type: string, init: { data: string; lastEventId: string; origin: string }): Event {
  if (typeof MessageEvent === 'function') return new MessageEvent(type, init)
  return Object.assign(new Event(type), init)
}

type Subscription = { source: MuxEventSource; path: string; opening: Promise<void> }

/** The page's one connection to `<prefix>/v1/mux` and the listeners it carries. */
class Mux {
  private readonly subscriptions = new Map<string, Subscription>()
  private es: EventSource | null = null
  private channel: string | null = null
  private retry: ReturnType<typeof setTimeout> | null = null
  private attempts = 0
  private nextId = 0

  constructor(
    private readonly prefix: string,
    private readonly Native: NativeEventSource,
  ) {}

  add(source: MuxEventSource, path: string): string {
    const id = `l${++this.nextId}`
    this.subscriptions.set(id, { source, path, opening: Promise.resolve() })
    if (this.channel) this.open(id)
    else if (!this.es && !this.retry) this.connect()
    return id
  }

  remove(id: string): void {
    const sub = this.subscriptions.get(id)
    if (!sub) return
    this.subscriptions.delete(id)
    if (this.subscriptions.size === 0) return this.shutdown()
    const channel = this.channel
    if (!channel) return
    // After its open has been answered, so the lake does not get the close first.
    void sub.opening.then(() => (this.channel === channel ? this.post(channel, { close: id }).catch(() => {}) : undefined))
  }

  private connect(): void {
    const es = new this.Native(`${this.prefix}${MUX_PATH}`)
    this.es = es
    const on = (type: string, handle: (data: Record<string, unknown>) => void) =>
      es.addEventListener(type, (event) => {
        if (this.es !== es) return
        let data: Record<string, unknown>
        try {
          data = JSON.parse((event as MessageEvent<string>).data) as Record<string, unknown>
        } catch {
          return
        }
        handle(data)
      })
    on('channel', (data) => {
      if (typeof data.channel !== 'string') return
      this.channel = data.channel
      this.attempts = 0
      for (const id of this.subscriptions.keys()) this.open(id)
    })
    on('opened', (data) => this.subscriptions.get(String(data.id))?.source.opened())
    on('sub', (data) => {
      this.subscriptions.get(String(data.id))?.source.message(String(data.event), String(data.data), String(data.lastEventId ?? ''))
    })
    on('fail', (data) => this.fail(String(data.id), typeof data.status === 'number' ? data.status : 500))
    on('end', (data) => {
      // The lake ended this listener alone: like a native stream that ends, try it again.
      const id = String(data.id)
      const sub = this.subscriptions.get(id)
      if (!sub) return
      sub.source.failed(false)
      const channel = this.channel
      setTimeout(() => {
        if (this.channel === channel && this.subscriptions.get(id) === sub) this.open(id)
      }, 1000)
    })
    es.addEventListener('error', () => {
      if (this.es === es) this.drop()
    })
  }

  /** Asks the lake to run one listener on the current channel. */
  private open(id: string): void {
    const sub = this.subscriptions.get(id)
    const channel = this.channel
    if (!sub || !channel) return
    sub.opening = this.post(channel, { open: { id, path: sub.path } }).then(
      (res) => {
        if (res.ok || this.channel !== channel) return
        // The channel is gone (the lake restarted): a new one, and every listener opened again.
        if (res.status === 404) return this.drop()
        this.fail(id, res.status)
      },
      () => {
        if (this.channel === channel) this.drop()
      },
    )
  }

  /** The lake refused this listener: it closes, as a native EventSource does on a non-200. */
  private fail(id: string, status: number): void {
    const sub = this.subscriptions.get(id)
    if (!sub) return
    this.subscriptions.delete(id)
    sub.source.failed(true, status)
    if (this.subscriptions.size === 0) this.shutdown()
  }

  /** The shared connection is lost: each listener hears `error` (CONNECTING), then all are opened on a new channel. */
  private drop(): void {
    this.es?.close()
    this.es = null
    this.channel = null
    for (const sub of [...this.subscriptions.values()]) sub.source.failed(false)
    if (this.subscriptions.size === 0 || this.retry) return
    const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** this.attempts++)
    this.retry = setTimeout(() => {
      this.retry = null
      if (this.subscriptions.size > 0 && !this.es) this.connect()
    }, delay)
  }

  private shutdown(): void {
    this.es?.close()
    this.es = null
    this.channel = null
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
    this.attempts = 0
  }

  private post(channel: string, body: unknown): Promise<Response> {
    return fetch(`${this.prefix}${MUX_PATH}/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    })
  }
}
