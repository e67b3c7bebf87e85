import { createDeliveryRecord } from '@/lib/revalidate/delivery-record'

describe('the record of handled webhook deliveries', () => {
  it('answers false for a key it holds, and forgets keys once they are older than keepMs', () => {
    let now = 0
    const record = createDeliveryRecord({ keepMs: 1000, maxKeys: 10, now: () => now })
    expect(record.claim(['signature:a', 'idempotency-key:k'])).toBe(true)
    expect(record.claim(['signature:b', 'idempotency-key:k'])).toBe(false)
    now = 999
    expect(record.claim(['signature:a'])).toBe(false)
    now = 1000
    expect(record.claim(['signature:a'])).toBe(true)
    expect(record.size).toBe(1)
  })

  it('never holds more than maxKeys, forgetting the oldest first', () => {
    const record = createDeliveryRecord({ keepMs: 60_000, maxKeys: 3, now: () => 0 })
    for (const key of ['a', 'b', 'c', 'd']) expect(record.claim([key])).toBe(true)
    expect(record.size).toBe(3)
    expect(record.claim(['a'])).toBe(true)
    expect(record.claim(['d'])).toBe(false)
  })
})
