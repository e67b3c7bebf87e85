import type { ArticleSource } from '../model'
import { bullets, h2, p, quote } from '../portable-text'

export const capitalAllocation: ArticleSource = {
  _id: 'article-capital-allocation',
  title: 'Capital allocation is a leadership decision, not a spreadsheet exercise',
  slug: 'capital-allocation-leadership-decision',
  standfirst:
    'The way a company moves money between businesses says more about its strategy than any slide deck. Most executive teams move far too little of it.',
  publishedAt: '2019-05-22T07:00:00Z',
  authors: ['author-lena-hartmann'],
  topics: ['topic-finance', 'topic-strategy'],
  mainImage: { image: 'capital-allocation', alt: 'A grid of sand, coral and green squares and circles on charcoal' },
  relatedArticles: ['article-dividends-buybacks-investment', 'article-strategy-in-the-fog'],
  body: [
    p(
      'Look at the capital budget of a diversified company over ten years and a pattern often appears: each division receives roughly the share it received the year before. The numbers move a little at the edges, but the business that generated forty percent of the cash a decade ago still gets about forty percent of the investment, whatever its prospects. Researchers call this inertia. Managers call it fairness.',
    ),
    p(
      'It is expensive. Companies that reallocate more actively, shifting a meaningful share of capital between units over time, tend to create more value than their steadier peers. The reason is not mysterious. Markets change faster than organizational charts, and a budget that mirrors last year’s structure funds last year’s opportunities.',
    ),
    h2('Why money does not move'),
    p(
      'Inertia survives because every force inside the company pushes in its favour. Division heads are rewarded for the size and growth of their units, and they argue hard for their share. Corporate finance teams work from last year’s numbers because they are the only numbers everyone accepts. And the chief executive, who could break the pattern, usually has better things to do than start a fight with three direct reports at once.',
    ),
    quote('A capital budget that nobody argues about is usually a budget that nobody has thought about.'),
    h2('What the active allocators do differently'),
    p('In the companies I have studied, the leaders who move capital well share a few habits:'),
    bullets(
      'They start each cycle from a **blank page** for at least part of the budget, asking what each business would receive if it were being funded for the first time.',
      'They separate the conversation about performance from the conversation about potential, so that a struggling unit in a growing market is not starved by reflex.',
      'They publish the rules in advance: hurdle rates, the share of capital open to competition, and the evidence a unit needs to bring.',
      'They are willing to **sell** businesses that would be worth more to someone else, and they treat a sale as a success rather than an admission of failure.',
    ),
    p(
      'None of these habits needs new software. They need a chief executive and a chief financial officer who agree that the allocation of capital is the most concrete statement of strategy a company makes, and who are prepared to spend political capital to make it honest.',
    ),
    p(
      'If you want to know what a company really believes about its future, skip the annual report’s opening letter and read the cash flow statement. The money tells the truth.',
    ),
  ],
}
