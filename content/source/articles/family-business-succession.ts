import type { ArticleSource } from '../model'
import { bullets, h2, p } from '../portable-text'

export const familyBusinessSuccession: ArticleSource = {
  _id: 'article-family-business-succession',
  title: 'Succession in family businesses: handing over the keys without losing the house',
  slug: 'family-business-succession',
  standfirst:
    'The hardest transition a family company faces is rarely about strategy. It is about letting go, and deciding in advance how to do it.',
  publishedAt: '2025-01-16T08:00:00Z',
  authors: ['author-marc-olivier-duval'],
  topics: ['topic-strategy', 'topic-leadership'],
  mainImage: { image: 'family-business', alt: 'Flat ridges in sand, coral and sage colours under a dark sky' },
  relatedArticles: ['article-one-page-strategy', 'article-decision-speed'],
  body: [
    p(
      'Family businesses make up a large share of the companies in most economies, and many of them outperform their listed peers over long periods. Their patience, their sense of stewardship and their willingness to invest for the next generation are genuine advantages. But they carry a particular risk that listed companies handle through routine: the transfer of leadership from one generation to the next.',
    ),
    p(
      'In the families I have worked with, succession goes wrong less often because the successor is weak than because the process was never designed. The founder delays the decision, the candidates compete in silence, and when the moment finally comes it is forced by illness or conflict rather than chosen.',
    ),
    h2('Decide the rules before the names'),
    p(
      'The most important step is to agree on the rules of succession long before anyone is chosen. Families that do this well write down, often in a family charter, answers to questions such as:',
    ),
    bullets(
      'What experience must a family member have, inside and outside the company, before taking a senior role?',
      'Who decides on the next chief executive: the board, the family council or the current leader?',
      'Under what conditions would the family appoint an outside chief executive, and what role would the family then play?',
      'When does the current leader step back, and what will he or she do afterwards?',
    ),
    p(
      'Agreeing on these rules while the candidates are still at school removes much of the emotion from the later decision. It also gives the next generation a clear path to prepare for, or a clear reason to choose a different career.',
    ),
    h2('The founder’s second act'),
    p(
      'The last question on the list is usually the hardest. Founders who have run a company for thirty years often find it impossible to stop. Those who succeed in stepping back almost always have something important to step towards: a foundation, a new venture, a role as chair with clearly limited powers. A succession plan that only describes what the successor will do is half a plan.',
    ),
    p(
      'Handled well, succession can renew a family business rather than weaken it. The new generation brings different skills, often digital and international, and the transition is an opportunity to rethink what the company should become. Handled badly, it is one of the most common reasons that family firms are sold or split. The difference lies mostly in preparation, and preparation is cheap compared to the alternative.',
    ),
  ],
}
