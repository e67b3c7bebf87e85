import { createClient } from 'next-sanity'

import { clientConfig } from './api'
import { env } from './env'

/** The one client. Both modes build it here; only the host settings differ (see api.ts). */
export const client = createClient(clientConfig(env))
