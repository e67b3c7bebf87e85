import type { ArticleSource } from '../model'
import { h2, p } from '../portable-text'

/** Exists only as a draft (`drafts.` id): written, not yet published. */
export const managersInTheMiddle: ArticleSource = {
  _id: 'drafts.article-managers-in-the-middle',
  title: 'Managers in the middle: the squeeze on the people who hold organizations together',
  slug: 'managers-in-the-middle',
  standfirst:
    'Flatter structures and new technology have put middle managers under pressure from both sides. Companies that cut them too deeply find out what they did.',
  publishedAt: '2026-04-07T08:00:00Z',
  authors: ['author-jennifer-jordan'],
  topics: ['topic-leadership'],
  body: [
    p(
      'Every few years, a wave of restructuring targets middle management. The logic is familiar: fewer layers mean faster decisions and lower costs, and new tools can do much of the coordination that managers used to do. Some of that logic is sound. Much of it underestimates what middle managers actually do.',
    ),
    h2('What disappears with them'),
    p(
      'Middle managers translate strategy into work, absorb conflict between departments, notice early when people are struggling and carry knowledge about how things really get done. None of this appears on an organizational chart, which is why it is so easy to remove and so hard to rebuild.',
    ),
    p('[Draft: add findings from the spring interviews before publishing.]'),
  ],
}
