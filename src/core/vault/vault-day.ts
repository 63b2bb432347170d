// The content vault keys content by (recipient, UTC day): one data key per pair, so deleting what went
// to one recipient on some days destroys exactly those keys and nothing else.

/** The UTC day (`YYYY-MM-DD`) of an ISO 8601 time. Throws a TypeError for a time that does not parse. */
export function utcDayOf(time: string): string {
  const ms = Date.parse(time)
  if (Number.isNaN(ms)) throw new TypeError(`not a time: '${time}'`)
  return new Date(ms).toISOString().slice(0, 10)
}

/** The UTC day `days` days before the day of `time` (for retention: entries of earlier days expire). */
export function utcDayBefore(time: string, days: number): string {
  const ms = Date.parse(time)
  if (Number.isNaN(ms)) throw new TypeError(`not a time: '${time}'`)
  return new Date(ms - days * 86_400_000).toISOString().slice(0, 10)
}
