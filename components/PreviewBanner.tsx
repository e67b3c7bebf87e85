import type { PreviewState } from '@/lib/content'
import { formatDateTime } from '@/lib/format'
import { paths } from '@/lib/routing/paths'

const STATE_TEXT: Record<PreviewState, string> = {
  'draft-only': 'Draft only: never published',
  changed: 'Changed since publishing: readers see the published version',
  published: 'Published: no unpublished changes',
}

/**
 * The strip above a previewed page: what is shown (drafts), and the way out. In draft mode it
 * sits on every page (components/SiteFrame.tsx); a share link's page has its own, with the
 * link's expiry and no way into the rest of the drafts.
 */
export function PreviewBanner({ shared }: { shared?: { expiresAt: string } }) {
  return (
    <section className="preview-banner" aria-label="Preview">
      <p>
        <strong>Previewing drafts</strong>
        {shared ? (
          <>
            {' '}
            · shared link, read-only · expires <time dateTime={shared.expiresAt}>{formatDateTime(shared.expiresAt)}</time>
          </>
        ) : (
          <> · unpublished changes are shown</>
        )}
      </p>
      {!shared && (
        <a className="preview-banner__exit" href={paths.exitPreview} rel="nofollow">
          Exit preview
        </a>
      )}
    </section>
  )
}

/** The previewed document's state, at the top of its page ("Draft only: never published", ...). */
export function PreviewStatus({ state }: { state: PreviewState | null }) {
  if (!state) return null
  return (
    <p className={`preview-status preview-status--${state}`} role="note">
      {STATE_TEXT[state]}
    </p>
  )
}
