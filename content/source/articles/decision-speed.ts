import type { ArticleSource } from '../model'
import { bullets, h2, p } from '../portable-text'

export const decisionSpeed: ArticleSource = {
  _id: 'article-decision-speed',
  title: 'Decision speed: the quiet advantage of fast executive teams',
  slug: 'decision-speed-executive-teams',
  standfirst: 'Fast teams do not decide recklessly. They know which decisions deserve debate and which simply need an owner.',
  publishedAt: '2026-02-04T08:00:00Z',
  authors: ['author-jennifer-jordan'],
  topics: ['topic-leadership'],
  mainImage: { image: 'decision-speed', alt: 'Red, orange and cream waves layered across a dark red background' },
  relatedArticles: ['article-shifting-position-of-leadership', 'article-hybrid-teams-trust'],
  body: [
    p(
      'When I ask executive teams what slows them down, they rarely mention the market or the competition. They mention themselves: meetings that end without a decision, topics that return month after month, proposals that circulate for sign-off until the opportunity has passed. The cost is hard to see on any report, but it compounds.',
    ),
    p(
      'The fastest teams I have observed are not the ones that take risks lightly. They are the ones that have made a small number of structural choices about how they decide.',
    ),
    h2('Sort decisions before you debate them'),
    p(
      'Most decisions are reversible and of moderate consequence. They deserve an owner and a deadline, not a discussion. A smaller set is both hard to reverse and important, and deserves the full attention of the team. Fast teams sort explicitly, at the start of each agenda item, and they resist the temptation to give every topic the heavy treatment.',
    ),
    h2('Make ownership visible'),
    p(
      'For every decision, one person is named as the owner. Others may advise, and some may have to agree, but the owner decides and is known to decide. This sounds obvious, yet in many teams the question “who decides?” produces several different answers.',
    ),
    h2('Disagree, then commit'),
    p(
      'Speed does not mean consensus. The best teams argue hard before a decision and then support it fully afterwards, including in front of their own teams. Three habits help:',
    ),
    bullets(
      'The most senior person speaks last, so that others do not simply anchor on her view.',
      'Someone is asked to argue the opposite case on every major decision.',
      'Once the decision is made, it is recorded with its reasoning and not reopened without new information.',
    ),
    p(
      'These habits cost little and work quickly. Within a few months, teams that adopt them typically find that their meetings are shorter, their decisions clearer and their organizations less confused about what the leadership actually wants.',
    ),
  ],
}
