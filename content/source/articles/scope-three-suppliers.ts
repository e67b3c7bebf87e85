import type { ArticleSource } from '../model'
import { bullets, figure, h2, h3, p, pull } from '../portable-text'

export const scopeThreeSuppliers: ArticleSource = {
  _id: 'article-scope-three-suppliers',
  title: 'Scope 3 emissions: start with the suppliers you already know',
  slug: 'scope-3-emissions-start-with-suppliers',
  standfirst:
    'Most of a company’s carbon footprint sits outside its walls. The way in is not a perfect inventory but a handful of honest conversations.',
  publishedAt: '2020-02-20T08:00:00Z',
  updatedAt: '2021-06-03T10:15:00Z',
  authors: ['author-amara-okafor'],
  topics: ['topic-sustainability', 'topic-strategy'],
  mainImage: { image: 'scope-three', alt: 'Layered green hills with an orange band, drawn as flat shapes' },
  researchLinks: ['research-sustainability-report', 'research-knowledge-hub'],
  relatedArticles: ['article-resilient-supply-chains', 'article-green-premium'],
  seo: {
    title: 'Scope 3 emissions: where to start with suppliers',
    description:
      'Why a perfect emissions inventory can wait, and how a few supplier conversations cut the largest share of a company’s carbon footprint.',
  },
  body: [
    p(
      'For a typical manufacturer or retailer, the emissions it produces directly, from its own boilers, vehicles and electricity, are a small fraction of the total. The rest sits upstream with suppliers and downstream with customers who use and dispose of its products. Accounting standards call these **Scope 3** emissions, and they are where most climate commitments will be won or lost.',
    ),
    p(
      'They are also where most companies get stuck. The data is incomplete, the suppliers are many, and the temptation is to spend two years building a perfect inventory before doing anything. By then the targets are closer and nothing has changed.',
    ),
    h2('Begin with concentration, not completeness'),
    p(
      'In almost every supply base I have looked at, a small number of suppliers account for a large share of the footprint. Steel, aluminium, chemicals, packaging and freight usually dominate. A rough estimate from spend data, multiplied by average emission factors, is enough to find them. It will be wrong in the details and right about where to look.',
    ),
    figure(
      'body-stakeholder-map',
      'A grid of green and orange squares and circles, some cells left empty',
      'Mapping suppliers by spend and emissions intensity shows where a few conversations matter most.',
    ),
    p(
      'Once you know who they are, the work becomes a relationship rather than a reporting exercise. The most effective programmes I have seen share three features:',
    ),
    bullets(
      'They ask suppliers for **their own** plans and data before imposing a template, and accept estimates in the first year.',
      'They link commercial terms to progress, for example longer contracts for suppliers that commit to science-based targets.',
      'They share the cost of change where a supplier is too small to finance it alone, because a supplier that goes bankrupt cuts no emissions.',
    ),
    pull('A supplier that goes bankrupt cuts no emissions.', 'Amara Okafor'),
    h2('What procurement needs to change'),
    h3('Incentives'),
    p(
      'Buyers are usually rewarded for price, quality and delivery. If carbon is not in their objectives, it will not be in their decisions. Adding it does not require a new department, only a change in what gets measured at the quarterly review.',
    ),
    h3('Time horizons'),
    p(
      'Decarbonizing a furnace or a fleet takes years. Annual tenders that switch supplier for a two percent saving make it impossible for anyone to invest. Companies serious about Scope 3 are moving key categories to multi-year agreements with clear milestones.',
    ),
    p(
      'For benchmarks on how other companies set and track their targets, see our [Corporate Sustainability Benchmark](https://research.example.org/reports/sustainability-benchmark-2025). And for what happens when supply chains are designed for resilience as well as cost, read [[article-resilient-supply-chains|Resilient supply chains are designed, not bought]].',
    ),
  ],
}
