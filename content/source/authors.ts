import { p } from './portable-text'
import type { AuthorSource } from './model'

/** Jennifer Jordan is the seed page's author; the other four are fictional faculty. */
export const authors: AuthorSource[] = [
  {
    _id: 'author-jennifer-jordan',
    name: 'Jennifer Jordan',
    slug: 'jennifer-jordan',
    role: 'Professor of Leadership and Organizational Behavior',
    affiliation: 'IMD',
    bio: [
      p(
        'Jennifer Jordan is Professor of Leadership and Organizational Behavior at IMD. She writes here about power, position and what changes in a leader’s role when the team knows more about the technology than the boss does.',
      ),
    ],
    photo: { image: 'jennifer-jordan', alt: 'Abstract portrait illustration in violet and grey' },
    createdAt: '2018-08-01T08:00:00Z',
  },
  {
    _id: 'author-marc-olivier-duval',
    name: 'Marc-Olivier Duval',
    slug: 'marc-olivier-duval',
    role: 'Professor of Strategy',
    affiliation: 'IMD',
    bio: [
      p(
        'Marc-Olivier Duval is Professor of Strategy. Before joining the faculty he spent twelve years in corporate development at an industrial group, which left him with a lasting interest in **why good plans stall** between the boardroom and the front line.',
      ),
    ],
    photo: { image: 'marc-olivier-duval', alt: 'Abstract portrait illustration in blue and orange' },
    links: [{ label: 'LinkedIn', url: 'https://www.linkedin.com/in/example-mo-duval' }],
    createdAt: '2018-10-01T08:00:00Z',
  },
  {
    _id: 'author-amara-okafor',
    name: 'Amara Okafor',
    slug: 'amara-okafor',
    role: 'Professor of Sustainable Business',
    affiliation: 'IMD',
    bio: [
      p(
        'Amara Okafor is Professor of Sustainable Business. Her research follows how companies turn climate commitments into operating decisions, from supplier contracts to capital budgets. Reach her at [amara.okafor@example.org](mailto:amara.okafor@example.org).',
      ),
    ],
    photo: { image: 'amara-okafor', alt: 'Abstract portrait illustration in greens' },
    createdAt: '2019-04-01T08:00:00Z',
  },
  {
    _id: 'author-lena-hartmann',
    name: 'Lena Hartmann',
    slug: 'lena-hartmann',
    role: 'Professor of Finance',
    affiliation: 'IMD',
    bio: [
      p(
        'Lena Hartmann is Professor of Finance. She teaches corporate finance to executives and studies how boards decide between growth, dividends and resilience.',
      ),
      p('She previously worked as an equity analyst covering *European industrials*.'),
    ],
    photo: { image: 'lena-hartmann', alt: 'Abstract portrait illustration in red and amber' },
    links: [
      { label: 'Faculty page', url: 'https://research.example.org/faculty/lena-hartmann' },
      { label: 'Google Scholar', url: 'https://scholar.example.org/citations?user=lhartmann' },
    ],
    createdAt: '2020-01-10T08:00:00Z',
  },
  {
    _id: 'author-rahul-mehta',
    name: 'Rahul Mehta',
    slug: 'rahul-mehta',
    role: 'Professor of Digital Strategy and Innovation',
    affiliation: 'IMD',
    bio: [
      p(
        'Rahul Mehta is Professor of Digital Strategy and Innovation. He works with executive teams on data, AI and the organizational habits that decide whether technology investments pay back.',
      ),
    ],
    photo: { image: 'rahul-mehta', alt: 'Abstract portrait illustration in sand and coral' },
    createdAt: '2021-02-15T08:00:00Z',
  },
]
