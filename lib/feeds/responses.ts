import 'server-only'

import { getFeedArticles, getTopic } from '@/lib/content'
import { paths } from '@/lib/routing/paths'
import { SITE_NAME } from '@/lib/seo/urls'

import { FEED_CONTENT_TYPES, type FeedFormat, renderFeed } from './build'

/**
 * What the feed routes answer. Content comes through the loaders, so feeds are cached and
 * tagged like pages and a webhook revalidation refreshes them too.
 */
function feedResponse(body: string, format: FeedFormat): Response {
  return new Response(body, { headers: { 'content-type': FEED_CONTENT_TYPES[format] } })
}

export async function siteFeedResponse(format: FeedFormat): Promise<Response> {
  const articles = await getFeedArticles(null)
  const source = {
    title: `${SITE_NAME}: all insights`,
    description: 'The newest insights, research and ideas for leaders.',
    path: paths.insights,
    feeds: paths.feeds,
    articles,
  }
  return feedResponse(renderFeed(source, format), format)
}

export async function topicFeedResponse(slug: string, format: FeedFormat): Promise<Response> {
  const topic = await getTopic(slug)
  if (!topic) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  const articles = await getFeedArticles(topic.slug)
  const source = {
    title: `${SITE_NAME}: ${topic.title}`,
    description: topic.description || `The newest insights on ${topic.title}.`,
    path: paths.topic(topic.slug),
    feeds: paths.topicFeeds(topic.slug),
    articles,
  }
  return feedResponse(renderFeed(source, format), format)
}
