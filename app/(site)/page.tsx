import type { Metadata } from 'next'
import { Link } from '@/components/Link'

import { ArticleList } from '@/components/ArticleList'
import { JsonLd } from '@/components/JsonLd'
import { LatestResearch } from '@/components/LatestResearch'
import { PageHeading } from '@/components/PageHeading'
import { getHomeArticles, getSiteSettings } from '@/lib/content'
import { paths } from '@/lib/routing/paths'
import { homeJsonLd } from '@/lib/seo/jsonld'
import { pageMetadata } from '@/lib/seo/metadata'

export async function generateMetadata(): Promise<Metadata> {
  return pageMetadata({ description: (await getSiteSettings()).description, path: paths.home })
}

export default async function HomePage() {
  const [{ featured, latest }, settings] = await Promise.all([getHomeArticles(), getSiteSettings()])
  const featuredIds = new Set(featured.map((article) => article._id))
  return (
    <>
      <JsonLd data={homeJsonLd(settings.description)} />
      <PageHeading title={settings.title} lead={settings.description} />
      {featured.length > 0 && (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">Featured</h2>
          <ArticleList articles={featured} leadsPage />
        </section>
      )}
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest insights</h2>
        <ArticleList articles={latest.filter((article) => !featuredIds.has(article._id)).slice(0, 6)} leadsPage={featured.length === 0} />
        <p>
          <Link href={paths.insights}>All insights</Link>
        </p>
      </section>
      <LatestResearch block={settings.latestResearch} />
    </>
  )
}
