import type { ArticleSource } from '../model'
import { h2, p, quote } from '../portable-text'

export const resilientSupplyChains: ArticleSource = {
  _id: 'article-resilient-supply-chains',
  title: 'Resilient supply chains are designed, not bought',
  slug: 'resilient-supply-chains-designed-not-bought',
  standfirst:
    'Extra inventory and second suppliers help. But resilience comes mainly from choices made years earlier in product design and network planning.',
  publishedAt: '2025-10-08T06:30:00Z',
  featured: true,
  authors: ['author-amara-okafor'],
  topics: ['topic-sustainability', 'topic-strategy'],
  mainImage: { image: 'resilient-supply', alt: 'Concentric green and orange rings over a dark green field' },
  researchLinks: ['research-sustainability-report'],
  relatedArticles: ['article-scope-three-suppliers', 'article-strategy-in-the-fog'],
  body: [
    p(
      'After several years of shocks, from pandemics to blocked canals to trade disputes, nearly every company has a supply chain resilience programme. Most of these programmes do two things: they add safety stock and they qualify second sources for critical components. Both help. Both are also expensive, and neither addresses the underlying reason a supply chain is fragile.',
    ),
    p(
      'That reason usually lies upstream, in decisions taken long before any disruption. A product designed around a single specialized chip, a network that routes everything through one hub, a bill of materials with hundreds of unique parts: these choices determine how exposed a company is. By the time the procurement team looks for a second supplier, most of the risk is already built in.',
    ),
    h2('Three design choices that matter'),
    p(
      'First, **standardize components** where customers do not see the difference. Every unique part is a potential single point of failure. Companies that reduced part variety found it easier to switch suppliers, hold useful inventory and share capacity across products.',
    ),
    p(
      'Second, **design for substitution**. Engineers can specify components by function and tolerance rather than by brand, and test alternatives before they are needed. This turns a crisis redesign that takes months into a planned switch that takes weeks.',
    ),
    p(
      'Third, **regionalize where it pays**. Producing closer to customers shortens lead times and often reduces transport emissions, which links resilience to sustainability targets. It is not always cheaper, but the gap is smaller than a simple unit cost comparison suggests once inventory and disruption costs are included.',
    ),
    quote('Most of the risk in a supply chain is decided on the engineer’s desk, not in the purchasing office.'),
    p(
      'None of this replaces good supplier relationships or sensible buffers. But companies that treat resilience as a design requirement, reviewed alongside cost and quality when products and networks are planned, spend less on it and get more from it than those that try to buy it after the fact.',
    ),
  ],
}
