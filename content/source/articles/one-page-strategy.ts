import type { ArticleSource } from '../model'
import { p } from '../portable-text'

export const onePageStrategy: ArticleSource = {
  _id: 'article-one-page-strategy',
  title: 'The one-page strategy',
  slug: 'the-one-page-strategy',
  standfirst: 'If your strategy does not fit on a page, your managers will each read a different one.',
  publishedAt: '2021-11-09T10:00:00Z',
  authors: ['author-marc-olivier-duval'],
  topics: ['topic-strategy'],
  relatedArticles: ['article-strategy-in-the-fog', 'article-family-business-succession'],
  body: [
    p(
      'Most strategy documents are long because writing them is a negotiation. Every unit wants its priorities included, every risk must be mentioned and every stakeholder must recognize their contribution. The result is comprehensive, balanced and almost impossible to act on.',
    ),
    p(
      'I ask executive teams to try a simple discipline: describe the strategy on a single page, in words a new manager could understand. The page should answer four questions. Where will we compete? How will we win there? What will we stop doing? How will we know it is working?',
    ),
    p(
      'The third question is the one that hurts. A strategy that adds priorities without removing any is a wish list. Naming what the company will no longer do, which markets it will leave, which products it will not develop, which customers it will not chase, is what turns a document into a set of choices.',
    ),
    p(
      'Teams usually find the exercise harder than expected, and more useful. The arguments it provokes are the arguments that needed to happen. For a way to keep that page honest as conditions change, see [[article-strategy-in-the-fog|Strategy in the fog]].',
    ),
  ],
}
