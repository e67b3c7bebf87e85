import type { ArticleSource } from '../model'
import { h2, p, quote } from '../portable-text'

export const hybridTeamsTrust: ArticleSource = {
  _id: 'article-hybrid-teams-trust',
  title: 'Trust at a distance: what hybrid teams need from their managers',
  slug: 'trust-at-a-distance-hybrid-teams',
  standfirst:
    'When half the team is at home on any given day, managers can no longer rely on being seen. They need to be predictable instead.',
  publishedAt: '2021-03-10T09:00:00Z',
  featured: true,
  authors: ['author-jennifer-jordan'],
  topics: ['topic-leadership'],
  mainImage: { image: 'hybrid-teams', alt: 'Interlocking grey and red rings over a violet circle' },
  relatedArticles: ['article-shifting-position-of-leadership', 'article-decision-speed'],
  body: [
    p(
      'A year into remote and hybrid work, many managers tell me the same thing: the work gets done, but something has thinned. People are less willing to raise a half-formed idea, slower to admit a mistake, more likely to wait for instructions. The team still functions. It no longer takes risks.',
    ),
    p(
      'What has thinned is trust, and specifically the kind of trust that used to be built without anyone noticing: the small signals in a corridor, the manager who overhears a problem and helps before it grows. Hybrid work removes most of those moments. Trust still matters as much as before; it simply has to be built on purpose.',
    ),
    h2('Predictability beats presence'),
    p(
      'The managers whose teams held up best did not try to recreate the office on video. They made themselves **predictable**. Their team knew when they would be reachable and how fast they would answer. Decisions were written down with the reasons. Feedback arrived on a rhythm, not only when something had gone wrong. When people cannot see their manager, they need to be able to anticipate her.',
    ),
    quote('People forgive a manager who is sometimes absent. They struggle with one who is unpredictable.'),
    p(
      'Predictability also means fairness that can be seen. In hybrid teams, the people who come to the office more often tend to receive more attention, better assignments and faster promotions, without anyone intending it. Good managers track who gets the interesting work and make sure it does not simply follow whoever is physically closest.',
    ),
    h2('Make room for the unfinished'),
    p(
      'Finally, hybrid teams need explicit space for ideas that are not ready. A standing slot in the weekly meeting for “things I am not sure about yet” sounds artificial, and for the first few weeks it is. Then it becomes the place where problems surface early, which was always the point of the corridor.',
    ),
  ],
}
