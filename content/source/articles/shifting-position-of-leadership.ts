import type { ArticleSource } from '../model'
import { h2, p, pull } from '../portable-text'

/** The seed page (see /work/shared/reference): same facts and anatomy, new prose. */
export const shiftingPositionOfLeadership: ArticleSource = {
  _id: 'article-shifting-position-of-leadership',
  title: 'The shifting position of leadership in a time of digital disruption',
  slug: 'shifting-position-of-leadership-digital-disruption',
  standfirst: 'How to “lead from behind”',
  publishedAt: '2018-08-14T09:00:00Z',
  authors: ['author-jennifer-jordan'],
  topics: ['topic-leadership', 'topic-digital-transformation'],
  mainImage: {
    image: 'lead-from-behind',
    alt: 'Overlapping gold and white circles on a dark blue background',
    hotspot: { x: 0.52, y: 0.48, width: 0.6, height: 0.7 },
  },
  researchLinks: ['research-knowledge-hub'],
  relatedArticles: ['article-hybrid-teams-trust', 'article-ai-pilots-to-practice', 'article-decision-speed'],
  body: [
    p(
      'Ask a senior executive to run a digital transformation and you will often see a flicker of unease. Most of the people I teach rose through finance, sales, operations or engineering of an older kind. They know how the business makes money, but they could not build a data platform, train a model or redesign a customer app themselves. The work that decides whether the transformation succeeds will be done by specialists, some already in the company and many still to be hired. The leader sits one step removed from the craft.',
    ),
    h2('When the boss is not the expert'),
    p(
      'That distance worries people more than they admit. For most of their careers, authority came partly from competence: they were promoted because they were good at the job their team now does. Remove that, and a quiet question appears: why would a data scientist follow someone who cannot read her code? Where does my legitimacy come from if not from knowing more than the people I lead? Some executives respond by cramming technical detail they will never use. Others hand the whole programme to a chief digital officer and step away. Neither works. The first wastes the leader’s scarcest resource, attention. The second leaves the transformation without the one thing specialists cannot supply for themselves.',
    ),
    pull('The leader’s job moves from knowing the answer to building the conditions in which the team can find it.'),
    p(
      'What is that one thing? Context and cover. Someone has to translate a strategy into priorities the team can act on, move budget and people when the plan changes, explain to the rest of the organization why this work matters, and keep morale up when the first release disappoints. None of that requires writing code. All of it requires a leader who understands enough of the technical picture to ask good questions, spot when an estimate is hopeful, and make trade-offs with open eyes. A useful test is whether you could explain, in plain language, what the team is building this quarter, why it comes before everything else, and what would make you stop it.',
    ),
    h2('Leading from behind'),
    p(
      'The posture that fits this role is what I call leading from behind. In practice it means letting the people who did the work present it to the executive committee, putting their names on the announcement and resisting the urge to narrate every success in the first person. It also means standing in front when things go wrong: when a launch slips or a pilot fails, the leader absorbs the criticism upstairs instead of passing it down. Credit flows to the team; blame stops with the leader. This does several things at once. It gives specialists visibility they rarely get inside a large company, it shows that the leader is there to build people up rather than to hoard status, and it keeps a team going through the long middle stretch of a transformation, when results are not yet visible.',
    ),
    p(
      'Many executives fear that stepping back will make them invisible. In my experience the opposite happens. Organizations know who was accountable for a programme, and when it succeeds the leader’s reputation rises with it. The difference is that the team now trusts them too, which makes the next transformation easier to lead. Stepping back from the spotlight turns out to be one of the more reliable ways of being seen. So the next time a project review comes round, try sitting at the side of the room and letting the engineers take the questions. Step in only when the conversation turns to resources, priorities or risk, the things that are genuinely yours to decide.',
    ),
  ],
}
