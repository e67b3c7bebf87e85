import { Link } from './Link'

import { paths } from '@/lib/routing/paths'

export function NotFoundMessage() {
  return (
    <section className="message-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>We could not find the page you asked for. It may have moved, or the address may be mistyped.</p>
      <p>
        <Link href={paths.insights}>Browse all insights</Link> or <Link href={paths.home}>go to the home page</Link>.
      </p>
    </section>
  )
}
