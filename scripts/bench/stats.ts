/** Order statistics for small samples: nearest-rank percentiles, rounded for printing. */
export interface Summary {
  median: number
  p95: number
  min: number
  max: number
  n: number
}

const round = (n: number) => Math.round(n * 10) / 10

/** The nearest-rank percentile `q` (0..1) of `values`. */
export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN
}

export function summarise(values: number[]): Summary {
  return {
    median: round(percentile(values, 0.5)),
    p95: round(percentile(values, 0.95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    n: values.length,
  }
}
