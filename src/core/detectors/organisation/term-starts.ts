/**
 * A global regex that finds every position where one of `patterns` can start, as seen through
 * `fold`: its first unit followed by a possible second unit (or a one-unit pattern's unit). The
 * start is `lastIndex - width`. Undefined when no pattern is non-empty. Scanning with it skips text no pattern can start in far faster than a per-unit
 * automaton step.
 */
export function termStarts(
  patterns: readonly string[],
  fold: (unit: number) => number,
): { readonly pattern: RegExp; readonly width: number } | undefined {
  const first = new Set<number>()
  const second = new Set<number>()
  const single = new Set<number>()
  for (const p of patterns) {
    if (p.length === 0) continue
    const a = fold(p.charCodeAt(0))
    if (p.length === 1) single.add(a)
    else {
      first.add(a)
      second.add(fold(p.charCodeAt(1)))
    }
  }
  const pair = `[${unitClass(first)}]`
  if (single.size === 0) return { pattern: new RegExp(`${pair}[${unitClass(second)}]`, 'g'), width: 2 }
  // A lookahead keeps both branches one unit wide (it scans a little slower than a plain pair).
  const branches = [`[${unitClass(single)}]`]
  if (first.size > 0) branches.unshift(`${pair}(?=[${unitClass(second)}])`)
  return { pattern: new RegExp(branches.join('|'), 'g'), width: 1 }
}

/** Every unit that folds to one of `folded`, as the body of a character class. */
function unitClass(folded: ReadonlySet<number>): string {
  let body = ''
  const add = (unit: number): void => {
    body += `\\u${unit.toString(16).padStart(4, '0')}`
  }
  for (const u of [...folded].sort((x, y) => x - y)) {
    add(u)
    if (u >= 0x61 && u <= 0x7a) add(u - 0x20)
    if (u === 0x20) for (const space of [0x09, 0x0a, 0x0d]) add(space)
  }
  return body
}
