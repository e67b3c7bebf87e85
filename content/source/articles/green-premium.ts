import type { ArticleSource } from '../model'
import { bullets, p } from '../portable-text'

export const greenPremium: ArticleSource = {
  _id: 'article-green-premium',
  title: 'Will customers pay a green premium? What the evidence says',
  slug: 'will-customers-pay-green-premium',
  standfirst: 'Surveys say yes, shopping baskets often say no. For business customers the picture is more encouraging, with conditions.',
  publishedAt: '2023-03-21T07:15:00Z',
  authors: ['author-amara-okafor', 'author-lena-hartmann'],
  topics: ['topic-sustainability', 'topic-finance'],
  researchLinks: ['research-sustainability-report'],
  relatedArticles: ['article-pricing-power', 'article-scope-three-suppliers'],
  body: [
    p(
      'Ask consumers whether they would pay more for a product with a lower environmental footprint and a majority will say yes. Watch what they buy and the share shrinks sharply. This gap between intention and behaviour is one of the best documented findings in consumer research, and it has made many companies sceptical of charging a premium for sustainability.',
    ),
    p(
      'The business-to-business picture is different. Industrial customers increasingly have their own emission targets, and a supplier that helps them meet those targets offers something with measurable value. In several markets we have studied, low-carbon steel, cement and packaging command real premiums, provided that three conditions hold:',
    ),
    bullets(
      'The reduction is **verified** by a credible third party, not simply claimed.',
      'The customer can **count** it towards its own reported targets.',
      'The premium is **small** relative to the customer’s total cost, even if it is large relative to the material.',
    ),
    p(
      'The third condition explains a lot. A green premium of twenty percent on the steel in a car adds very little to the price of the car, and carmakers with ambitious targets are willing to pay it. The same premium on a commodity sold to a price-driven buyer with no targets will not stick.',
    ),
    p(
      'For suppliers the lesson is to sell the outcome, not the attribute: not “our product is greener”, but “our product reduces your reported emissions by this much, at this cost per tonne”. Framed that way, sustainability becomes part of the value conversation that [[article-pricing-power|companies with pricing power]] already know how to have.',
    ),
  ],
}
