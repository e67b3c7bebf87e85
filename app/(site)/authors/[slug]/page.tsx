import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/components/ArticleList'
import { AuthorProfile } from '@/components/AuthorProfile'
import { getAuthor } from '@/lib/content'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = await getAuthor((await params).slug)
  if (!author) return {}
  return { title: author.name, description: [author.role, author.affiliation].filter(Boolean).join(', ') }
}

export default async function AuthorPage({ params }: Props) {
  const author = await getAuthor((await params).slug)
  if (!author) notFound()
  return (
    <>
      <AuthorProfile author={author} />
      <section aria-labelledby="author-articles">
        <h2 id="author-articles">Articles by {author.name}</h2>
        <ArticleList articles={author.articles} />
      </section>
    </>
  )
}
