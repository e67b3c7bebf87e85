import type { ArticleSource } from '../model'
import { h2, numbered, p } from '../portable-text'

export const strategyInTheFog: ArticleSource = {
  _id: 'article-strategy-in-the-fog',
  title: 'Strategy in the fog: planning when forecasts keep failing',
  slug: 'strategy-in-the-fog',
  standfirst:
    'A five-year plan built on a single forecast is a bet, not a strategy. Here is how to plan for several futures without planning for none.',
  publishedAt: '2018-11-06T08:30:00Z',
  authors: ['author-marc-olivier-duval'],
  topics: ['topic-strategy'],
  mainImage: { image: 'strategy-fog', alt: 'Soft overlapping blue and orange waves on a dark background' },
  relatedArticles: ['article-one-page-strategy', 'article-capital-allocation'],
  body: [
    p(
      'Every autumn, strategy teams in large companies produce a forecast, argue about it for a month and then build the next five years on top of it. By spring the forecast is wrong, and the plan quietly becomes a budget with a longer title. The problem is not that the forecasters are poor. It is that a single number cannot carry the weight we put on it.',
    ),
    h2('Plan for a range, commit to a direction'),
    p(
      'The companies that handle uncertainty well separate two things that most plans blur together: the **direction** they are committed to, and the **path** they expect to take. Direction changes rarely. The path is allowed to change every quarter, and the plan says in advance what would make it change.',
    ),
    p(
      'In practice that means building three or four scenarios that are genuinely different, not a base case with a plus and a minus ten percent. A useful scenario set for an industrial business might include a world of cheap capital and fast growth, a world of expensive energy and regional trade blocs, and a world where a new technology makes part of the product obsolete. None of them will happen exactly. Each one tests a different weakness.',
    ),
    h2('A simple routine'),
    p('The routine I recommend to executive teams has four steps:'),
    numbered(
      'Agree on the few uncertainties that would change your decisions, and ignore the ones that would only change your numbers.',
      'Write a short story for each scenario, in plain words, so that people outside the strategy team can use it.',
      'For each major investment, ask which scenarios it wins in and which it loses in. Prefer moves that are robust across several.',
      'Name the signposts, the observable events that tell you which world you are drifting towards, and assign someone to watch each one.',
    ),
    p(
      'The last step is the one most often skipped, and it is where the value lies. A signpost turns a debate about the future into a routine check on the present. When the signpost moves, the team already knows which options to exercise.',
    ),
    p(
      'None of this makes the fog lift. It does mean you stop pretending you can see through it, and start steering by the things you can see.',
    ),
  ],
}
