import Link from 'next/link'

export function NotFoundMessage() {
  return (
    <section className="message-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>We could not find the page you asked for. It may have moved, or the address may be mistyped.</p>
      <p>
        <Link href="/insights">Browse all insights</Link> or <Link href="/">go to the home page</Link>.
      </p>
    </section>
  )
}
