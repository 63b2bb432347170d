const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** True when `year` is a leap year in the proleptic Gregorian calendar (1900 is not, 2000 is). */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

/** True when year-month-day (month and day 1-based) names a real day of the Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (month < 1 || month > 12 || day < 1) return false
  const length = month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 0)
  return day <= length
}
