import type { ArticleSource } from '../model'
import { numbered, p } from '../portable-text'

export const boardQuestionsCyber: ArticleSource = {
  _id: 'article-board-questions-cyber',
  title: 'Five questions every board should ask about cyber risk',
  slug: 'board-questions-cyber-risk',
  standfirst:
    'Directors do not need to become security experts. They need to ask questions that reveal whether management is ready for a bad day.',
  publishedAt: '2024-04-24T07:00:00Z',
  authors: ['author-rahul-mehta', 'author-lena-hartmann'],
  topics: ['topic-digital-transformation', 'topic-leadership'],
  mainImage: { image: 'board-questions', alt: 'Deep blue waves with thin amber and grey bands' },
  researchLinks: ['research-boardroom-podcast'],
  relatedArticles: ['article-ai-pilots-to-practice'],
  body: [
    p(
      'Cyber risk now appears on nearly every board agenda, usually as a dashboard of green and amber indicators presented in the last twenty minutes of the meeting. Directors nod, ask about the budget and move on. That ritual offers little protection. The question is not whether the company will be attacked, but how well it will respond when an attack succeeds.',
    ),
    p('In our work with boards, five questions have proved useful in moving the conversation from reassurance to readiness:'),
    numbered(
      '**What are the three systems we could least afford to lose, and for how long could we operate without each?** The answer shows whether management has thought about the business impact, not just the technology.',
      '**When did we last rehearse a major incident, and what went wrong?** An exercise where nothing went wrong was probably not realistic.',
      '**Who decides whether to pay a ransom, and on what principles?** This decision should never be made for the first time in the middle of a crisis.',
      '**Which of our suppliers could take us down, and what do we know about their security?** Many serious breaches now arrive through a trusted partner.',
      '**How would we tell customers, regulators and employees, and who has the authority to do it?** Communication failures often cause more damage than the breach itself.',
    ),
    p(
      'None of these questions requires technical knowledge to ask, and all of them reveal how seriously the risk is being managed. Boards that ask them every year, and follow up on the answers, will be far better prepared than those who accept a colourful dashboard as evidence of control.',
    ),
  ],
}
