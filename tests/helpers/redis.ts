import { type ChildProcess, spawn } from 'node:child_process'

import { freePort } from './ports'

export interface RunningRedis {
  url: string
  port: number
  /** Stops it (SIGTERM; nothing is saved). */
  stop: () => Promise<void>
  /** Starts it again on the same port, empty. */
  restart: () => Promise<void>
}

/** Debian's redis-server on a free port, kept in memory only, for as long as a test needs it. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'])
      child = started
      let log = ''
      const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s:\n${log}`)), 10_000)
      started.on('error', (error) => {
        clearTimeout(timer)
        reject(new Error(`redis-server could not start (${error.message}): apt-get install redis-server`))
      })
      started.stdout.on('data', (chunk) => {
        log += chunk
        if (/Ready to accept connections/.test(log)) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      const running = child
      child = null
      if (!running || running.exitCode !== null) return resolve()
      running.once('exit', () => resolve())
      running.kill('SIGTERM')
    })
  await launch()
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: launch }
}
