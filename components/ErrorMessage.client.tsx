'use client'

import { Link } from './Link'

import { paths } from '@/lib/routing/paths'

/** Shown when a page fails to render; offers a retry without a full reload. */
export function ErrorMessage({ onRetry }: { onRetry: () => void }) {
  return (
    <section className="message-page" aria-labelledby="error-heading">
      <h1 id="error-heading">Something went wrong</h1>
      <p>This page could not be shown just now. Please try again in a moment.</p>
      <p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>{' '}
        or <Link href={paths.home}>go to the home page</Link>.
      </p>
    </section>
  )
}
