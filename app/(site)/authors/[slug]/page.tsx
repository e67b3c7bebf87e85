import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/components/ArticleList'
import { AuthorProfile } from '@/components/AuthorProfile'
import { JsonLd } from '@/components/JsonLd'
import { getAuthor } from '@/lib/content'
import { slugFromSegment } from '@/lib/routing/paths'
import { authorJsonLd } from '@/lib/seo/jsonld'
import { authorMetadata } from '@/lib/seo/metadata'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = await getAuthor(slugFromSegment((await params).slug))
  return author ? authorMetadata(author) : {}
}

export default async function AuthorPage({ params }: Props) {
  const author = await getAuthor(slugFromSegment((await params).slug))
  if (!author) notFound()
  return (
    <>
      <JsonLd data={authorJsonLd(author)} />
      <AuthorProfile author={author} />
      <section aria-labelledby="author-articles">
        <h2 id="author-articles">Articles by {author.name}</h2>
        <ArticleList articles={author.articles} />
      </section>
    </>
  )
}
