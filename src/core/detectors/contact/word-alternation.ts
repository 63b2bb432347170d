/** How {@link wordAlternation} writes a space inside a word. */
export type SpaceStyle = 'literal' | 'separator'

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

// "Not inside a Hangul word", placed after the first character of a word-start word.
const afterWordStart = '(?<![가-힣][\\s\\S])'

function piece(s: string, spaces: SpaceStyle): string {
  const escaped = escapeRegExp(s)
  // Field names arrive as "driver license", "driver_license", "driverLicense" or "driver-license".
  const spaced = spaces === 'separator' ? escaped.replace(/ /g, '[ _-]?') : escaped
  // ASCII letters as two-case classes rather than the `i` flag, which slows Hangul alternatives
  // several times over (the words have no other cased letters).
  return spaced.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)
}

/**
 * A regex source matching any of `words`, ASCII case-insensitively, as the plain alternation
 * `w0|w1|…` would (most preferred word first), but factored by leading characters so each text
 * position is tested against a few groups instead of every word. Only alternatives that cannot
 * match at the same position trade places (different first characters), so every position gets
 * the same match. `wordStart[i]` lets word i match only where no Hangul syllable precedes it.
 */
export function wordAlternation(
  words: readonly string[],
  spaces: SpaceStyle,
  wordStart: readonly boolean[] = [],
): string {
  return factored(
    words,
    words.map((_, i) => wordStart[i] === true),
    spaces,
    true,
  )
}

function factored(
  words: readonly string[],
  guarded: readonly boolean[],
  spaces: SpaceStyle,
  top: boolean,
): string {
  const guard = (i: number): string => (guarded[i] ? afterWordStart : '')
  const flat = (): string =>
    words
      .map((w, i) =>
        top
          ? `${piece(w.charAt(0), spaces)}${guard(i)}${piece(w.slice(1), spaces)}`
          : guard(i) + piece(w, spaces),
      )
      .join('|')
  const empty = words.indexOf('')
  // An optional separator can match nothing, so a leading space overlaps every other group; an
  // empty remainder is only safe as the last alternative; guards below the top stay unfactored.
  if (
    (spaces === 'separator' && words.some((w) => w.startsWith(' '))) ||
    (empty >= 0 && empty < words.length - 1) ||
    (!top && guarded.some(Boolean))
  )
    return flat()
  const groups = new Map<string, number[]>()
  words.forEach((w, i) => {
    if (w === '') return
    const key = w.charAt(0).toLowerCase()
    const members = groups.get(key)
    if (members) members.push(i)
    else groups.set(key, [i])
  })
  const alternatives = [...groups].map(([key, members]) => {
    const rest = members.map((i) => (words[i] as string).slice(1))
    const restGuards = members.map((i) => guarded[i] === true)
    const head = piece(key, spaces)
    if (rest.length === 1 && rest[0] === '' && !restGuards[0]) return head
    return `${head}(?:${factored(rest, restGuards, spaces, false)})`
  })
  if (empty >= 0) alternatives.push('')
  return alternatives.join('|')
}
