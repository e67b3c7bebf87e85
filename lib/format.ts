/** How dates and durations read on the site: "August 2018", "3 min.". */
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const fullDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

export function formatMonthYear(iso: string): string {
  return monthYear.format(new Date(iso))
}

export function formatFullDate(iso: string): string {
  return fullDate.format(new Date(iso))
}

export function formatReadingTime(minutes: number): string {
  return `${minutes} min.`
}
