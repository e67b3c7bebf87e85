import Link from 'next/link'

import type { TopicSummary } from '@/lib/content'

/** The topics an article is filed under, each linking to its topic page. */
export function TopicTags({ topics }: { topics: TopicSummary[] }) {
  if (topics.length === 0) return null
  return (
    <ul className="topics" aria-label="Topics">
      {topics.map((topic) => (
        <li key={topic._id}>
          <Link href={`/topics/${encodeURIComponent(topic.slug)}`}>{topic.title}</Link>
        </li>
      ))}
    </ul>
  )
}
