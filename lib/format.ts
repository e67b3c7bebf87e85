/** How dates and durations read on the site: "August 2018", "3 min.". */
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const fullDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

export function formatMonthYear(iso: string): string {
  return monthYear.format(new Date(iso))
}

export function formatFullDate(iso: string): string {
  return fullDate.format(new Date(iso))
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
})

/** "29 November 2026 at 14:05 UTC": when a share link expires. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso))
}

export function formatReadingTime(minutes: number): string {
  return `${minutes} min.`
}
