import { highlight } from '@/lib/search/highlight'

/** Text with the searched words in <mark>. Every segment is rendered as text, never as HTML. */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  return <>{highlight(text, terms).map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : segment.text))}</>
}
