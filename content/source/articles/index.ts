import type { ArticleSource } from '../model'
import { aiPilotsToPractice } from './ai-pilots-to-practice'
import { boardQuestionsCyber } from './board-questions-cyber'
import { capitalAllocation } from './capital-allocation'
import { dataCulture } from './data-culture'
import { decisionSpeed } from './decision-speed'
import { dividendsBuybacksInvestment } from './dividends-buybacks-investment'
import { familyBusinessSuccession } from './family-business-succession'
import { greenPremium } from './green-premium'
import { hybridTeamsTrust } from './hybrid-teams-trust'
import { managersInTheMiddle } from './managers-in-the-middle.draft'
import { onePageStrategy } from './one-page-strategy'
import { pricingPower } from './pricing-power'
import { resilientSupplyChains } from './resilient-supply-chains'
import { scopeThreeSuppliers } from './scope-three-suppliers'
import { shiftingPositionOfLeadership } from './shifting-position-of-leadership'
import { strategyInTheFog } from './strategy-in-the-fog'

/** Every article document, published ones and the draft-only one (its id starts `drafts.`). */
export const articles: ArticleSource[] = [
  shiftingPositionOfLeadership,
  strategyInTheFog,
  dataCulture,
  capitalAllocation,
  scopeThreeSuppliers,
  dividendsBuybacksInvestment,
  hybridTeamsTrust,
  onePageStrategy,
  pricingPower,
  greenPremium,
  aiPilotsToPractice,
  boardQuestionsCyber,
  familyBusinessSuccession,
  resilientSupplyChains,
  decisionSpeed,
  managersInTheMiddle,
]

/** Unpublished edits of published articles: `drafts.<id>` beside `<id>`. */
export const pendingEdits: (Pick<ArticleSource, 'title' | 'standfirst'> & { of: string; updatedAt: string })[] = [
  {
    of: 'article-board-questions-cyber',
    title: 'Six questions every board should ask about cyber risk',
    standfirst:
      'Directors do not need to be security experts. They need questions that show whether management is ready for the day an attack gets through, including one about AI.',
    updatedAt: '2026-03-02T14:05:00Z',
  },
]
