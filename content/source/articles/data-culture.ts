import type { ArticleSource } from '../model'
import { p, quote } from '../portable-text'

export const dataCulture: ArticleSource = {
  _id: 'article-data-culture',
  title: 'Data culture eats dashboards for breakfast',
  slug: 'data-culture-eats-dashboards',
  standfirst:
    'Companies buy analytics tools by the dozen. Whether anyone changes a decision because of them depends on habits no tool can install.',
  publishedAt: '2019-02-12T09:30:00Z',
  authors: ['author-rahul-mehta'],
  topics: ['topic-digital-transformation'],
  relatedArticles: ['article-ai-pilots-to-practice'],
  body: [
    p(
      'A regional sales director once showed me the forty-two dashboards available to her team. When I asked which ones influenced a decision in the previous month, she thought for a while and named two. The others were accurate, well designed and ignored.',
    ),
    p(
      'This is common. Organizations invest heavily in data platforms and visualization tools, and then discover that people continue to decide as they did before, using experience, intuition and the opinion of the most senior person in the room. The problem is not the tools. It is that nobody changed the way decisions are made.',
    ),
    quote('A dashboard nobody opens is a very expensive screensaver.'),
    p(
      'In companies where data really shapes decisions, I see a few consistent habits. Meetings start from the numbers, not from opinions. Leaders ask “how do we know?” as a genuine question rather than a challenge. Small experiments are used to settle arguments that would otherwise be settled by rank. And crucially, people are not punished when the data shows that their favourite idea did not work.',
    ),
    p(
      'That last habit is the hardest to build and the easiest to destroy. One executive who reacts badly to an inconvenient result can teach an entire organization to stop looking. Culture, in the end, is what people learn from watching what happens to those who bring bad news.',
    ),
  ],
}
