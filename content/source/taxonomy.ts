/** Topics, research links and the site settings singleton. */
export const topics = [
  {
    _id: 'topic-leadership',
    title: 'Leadership',
    slug: 'leadership',
    description: 'How leaders earn trust, make decisions and bring people with them through change.',
  },
  {
    _id: 'topic-strategy',
    title: 'Strategy',
    slug: 'strategy',
    description: 'Where to play, how to win and when to change course.',
  },
  {
    _id: 'topic-finance',
    title: 'Finance',
    slug: 'finance',
    description: 'Capital allocation, valuation and the numbers behind sound decisions.',
  },
  {
    _id: 'topic-digital-transformation',
    title: 'Digital transformation',
    slug: 'digital-transformation',
    description: 'Technology, data and AI, and the organizational change they demand.',
  },
  {
    _id: 'topic-sustainability',
    title: 'Sustainability',
    slug: 'sustainability',
    description: 'Climate, supply chains and building businesses that last.',
  },
] as const

export const researchLinks = [
  {
    _id: 'research-knowledge-hub',
    title: 'Research Information & Knowledge Hub',
    description: 'for additional information on IMD publications',
    url: 'https://www.imd.org/research-knowledge/',
    kind: 'hub',
  },
  {
    _id: 'research-sustainability-report',
    title: 'Corporate Sustainability Benchmark 2025',
    description: 'a yearly report on how 400 companies set and track climate targets',
    url: 'https://research.example.org/reports/sustainability-benchmark-2025',
    kind: 'report',
  },
  {
    _id: 'research-digital-cases',
    title: 'Case collection: leading digital change',
    description: 'teaching cases on transformation programmes that worked and some that did not',
    url: 'https://research.example.org/cases/leading-digital-change',
    kind: 'caseStudy',
  },
  {
    _id: 'research-boardroom-podcast',
    title: 'The Boardroom Podcast',
    description: 'conversations with directors and faculty about governance',
    url: 'https://research.example.org/podcasts/boardroom',
    kind: 'podcast',
  },
] as const

export const siteSettings = {
  _id: 'siteSettings',
  title: 'Insights',
  description:
    'Ideas from our faculty on leadership, strategy, finance, digital transformation and sustainability, written for people who run organizations.',
  latestResearch: {
    heading: 'Discover our latest research',
    text: 'From fieldwork inside companies to cases written for the classroom, our faculty and researchers share what they learn in articles, case studies, books and reports across every area of management.',
    links: researchLinks.map((link) => link._id),
  },
  navigation: [
    { label: 'Insights', href: '/insights' },
    { label: 'Leadership', href: '/topics/leadership' },
    { label: 'Strategy', href: '/topics/strategy' },
    { label: 'Finance', href: '/topics/finance' },
    { label: 'Digital', href: '/topics/digital-transformation' },
    { label: 'Sustainability', href: '/topics/sustainability' },
    { label: 'Research', href: '/research' },
  ],
  footer: {
    text: 'Insights publishes research-based articles by faculty. Views are the authors’ own.',
    links: [
      { label: 'All insights', href: '/insights' },
      { label: 'Research', href: '/research' },
      { label: 'Research Information & Knowledge Hub', href: 'https://www.imd.org/research-knowledge/' },
    ],
  },
}
