import type { ArticleSource } from '../model'
import { figure, h2, numbered, p } from '../portable-text'

export const pricingPower: ArticleSource = {
  _id: 'article-pricing-power',
  title: 'Pricing power in an inflationary decade',
  slug: 'pricing-power-inflationary-decade',
  standfirst:
    'After years of stable prices, many companies have forgotten how to raise them. The ones that remember protect their margins without losing their customers.',
  publishedAt: '2022-06-03T07:30:00Z',
  authors: ['author-lena-hartmann', 'author-marc-olivier-duval'],
  topics: ['topic-finance', 'topic-strategy'],
  mainImage: { image: 'pricing-power', alt: 'Jagged red, orange and yellow ridges rising across the frame' },
  researchLinks: ['research-knowledge-hub'],
  relatedArticles: ['article-capital-allocation', 'article-green-premium'],
  body: [
    p(
      'For most of the last two decades, a pricing decision in a European industrial company meant deciding how much discount to give. Input costs were stable, competitors were disciplined and annual increases of one or two percent passed without comment. A generation of managers built careers without ever having to tell a customer that prices were going up by fifteen percent.',
    ),
    p(
      'That world has ended, at least for now. Energy, materials and wages have all risen sharply, and companies are discovering that pricing is a capability, not a lever. Those that have it are passing on costs and holding volumes. Those that do not are watching their margins disappear while they debate.',
    ),
    h2('Where the margin goes'),
    p(
      'A margin bridge, the chart that walks from last year’s profit to this year’s, usually makes the problem clear. Cost inflation takes a large bite; price increases give back only part of it, and they arrive months later.',
    ),
    figure(
      'body-margin-bridge',
      'Stepped orange, coral and green ridges on a charcoal background',
      'Price increases that lag cost increases by two quarters can erase a year’s margin.',
    ),
    h2('What the companies with pricing power do'),
    numbered(
      '**They know their value.** They can explain, with evidence, what their product saves or earns for the customer, so the discussion is about value shared rather than cost passed on.',
      '**They move early.** A clear, explained increase now is easier to accept than three small ones spread over a year, each of which reopens the negotiation.',
      '**They segment.** Not every customer has the same alternatives. Increases are larger where the product is hardest to replace and smaller where loyalty is fragile.',
      '**They arm the sales force.** Salespeople paid on volume will give away price to protect it. Changing their incentives and giving them the arguments matters more than the price list itself.',
      '**They watch the floor.** They track how much of each increase actually sticks after discounts and rebates, because the list price is not what the customer pays.',
    ),
    p(
      'The fifth point is the one finance teams underestimate. In several companies we worked with, half of a list price increase leaked away through discretionary discounts within six months. Nobody had decided to give it back. It was simply nobody’s job to keep it.',
    ),
    h2('Pricing as a habit'),
    p(
      'Inflation will not stay high forever, but the capability built now will outlast it. Companies that treat pricing as a regular, data-driven discipline, reviewed by the executive team as closely as costs, will keep the advantage when the next shock arrives. The rest will be learning again from scratch.',
    ),
  ],
}
