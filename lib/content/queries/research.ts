import { defineQuery } from 'next-sanity'

import { researchLinkFields } from './fragments'

export const researchLinksQuery = defineQuery(`*[_type == "researchHubLink"] | order(title asc)${researchLinkFields}`)
