import type { ArticleSource } from '../model'
import { p } from '../portable-text'

export const dividendsBuybacksInvestment: ArticleSource = {
  _id: 'article-dividends-buybacks-investment',
  title: 'Dividends, buybacks or investment? A simple test for uncertain times',
  slug: 'dividends-buybacks-or-investment',
  standfirst: 'When the outlook is cloudy, boards are tempted to hoard cash or hand it all back. One question helps them choose.',
  publishedAt: '2020-09-15T06:45:00Z',
  authors: ['author-lena-hartmann'],
  topics: ['topic-finance'],
  relatedArticles: ['article-capital-allocation'],
  body: [
    p(
      'In a downturn, boards face a familiar choice with unfamiliar stakes. They can keep paying the dividend, buy back shares while the price is low, or hold on to the cash and invest when competitors are retreating. Each option has loud advocates, and each can be defended with a spreadsheet.',
    ),
    p(
      'I suggest a simpler test. Ask: **if we had this cash and no shareholders waiting for it, what is the best thing we could do with it?** If the answer is a specific investment with a return above the cost of capital, and the organization has the capacity to carry it out, invest. If the honest answer is “we would keep it just in case”, then keep only what the downside scenario requires and return the rest.',
    ),
    p(
      'Buybacks deserve a special warning. They are often justified as a signal that management believes the shares are cheap. Sometimes they are. But buybacks are also the easiest way to raise earnings per share without improving the business, and executives whose pay depends on that ratio are not neutral judges. Boards should ask who benefits from the timing before they approve the programme.',
    ),
    p(
      'Dividends are the opposite case: easy to start and painful to cut. A company that raises its dividend in good years should decide in advance what level it can sustain in bad ones. The discipline pays off precisely when the weather turns, which is when investors are watching most closely.',
    ),
    p(
      'There is no formula that settles the question. There is only the habit of asking it plainly, every time, before the cash finds a use on its own.',
    ),
  ],
}
