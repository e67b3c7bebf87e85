import { formatMonthYear, formatReadingTime } from '@/lib/format'

/** "3 min." and "August 2018": reading time and a machine-readable publication date. */
export function ArticleMeta({ minutes, publishedAt }: { minutes: number; publishedAt: string }) {
  return (
    <p className="article-meta">
      <span>{formatReadingTime(minutes)}</span> <time dateTime={publishedAt}>{formatMonthYear(publishedAt)}</time>
    </p>
  )
}
