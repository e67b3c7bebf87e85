/** Reading the query string the same way on every route. */
export type SearchParamValue = string | string[] | undefined

/** The first value of a repeated parameter. */
export function single(value: SearchParamValue): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** `?page=N`: absent is page 1; anything but a positive whole number is null (a 404). */
export function parsePage(value: SearchParamValue): number | null {
  const raw = single(value)
  if (raw === undefined || raw === '') return 1
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null
  return Number(raw)
}
