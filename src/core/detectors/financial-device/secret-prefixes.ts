// Where the secret detector's prefixes start. One regex alternation of all of them made irregexp
// read every character (~20 ms per 10 MB on Node 24); each prefix instead has a rare character at a
// fixed offset ('_', '-', 'A', 'K', 'G', 'J', 'B'), found by String#indexOf, which V8 runs as a
// memchr, then confirmed around it. The set of positions is exactly where this alternation matches:
//   sk- | AKIA | ASIA | gh[pousr]_ | github_pat_ | glpat- | xox[abposr]- | xapp- | AIza
//   | [sr]k_(?:live|test)_ | hf_ | npm_ | SK[0-9a-f] | SG. | eyJ | -----BEGIN  | [Bb]earer  | Basic

/** Longest prefix length plus one: a candidate is stored as `start * prefixSlots + length`. */
export const prefixSlots = 16

const is = (text: string, i: number, code: number): boolean => text.charCodeAt(i) === code
// startsWith clamps a negative position to 0, so positions before the text are ruled out first.
const has = (text: string, i: number, literal: string): boolean => i >= 0 && text.startsWith(literal, i)
const oneOf = (text: string, i: number, set: string): boolean => i >= 0 && set.includes(text.charAt(i))
const isLowerHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102)

type Confirm = (text: string, i: number, out: number[]) => void

const push = (out: number[], start: number, length: number): void => {
  out.push(start * prefixSlots + length)
}

// '_' ends or splits: gh[pousr]_, github_pat_, [sr]k_live_, [sr]k_test_, hf_, npm_.
const underscore: Confirm = (text, i, out) => {
  if (is(text, i - 1, 107) && oneOf(text, i - 2, 'sr')) {
    if (has(text, i + 1, 'live_') || has(text, i + 1, 'test_')) push(out, i - 2, 8)
  } else if (has(text, i - 3, 'gh') && oneOf(text, i - 1, 'pousr')) push(out, i - 3, 4)
  else if (has(text, i - 2, 'hf')) push(out, i - 2, 3)
  else if (has(text, i - 3, 'npm')) push(out, i - 3, 4)
  else if (has(text, i - 6, 'github') && has(text, i, '_pat_')) push(out, i - 6, 11)
}

// '-' ends sk-, glpat-, xox?-, xapp- or opens -----BEGIN.
const dash: Confirm = (text, i, out) => {
  if (is(text, i + 1, 45) && has(text, i, '-----BEGIN ')) push(out, i, 11)
  if (is(text, i - 1, 107)) {
    if (is(text, i - 2, 115)) push(out, i - 2, 3)
  } else if (has(text, i - 5, 'glpat')) push(out, i - 5, 6)
  else if (has(text, i - 4, 'xox') && oneOf(text, i - 1, 'abposr')) push(out, i - 4, 5)
  else if (has(text, i - 4, 'xapp')) push(out, i - 4, 5)
}

const upperA: Confirm = (text, i, out) => {
  if (has(text, i, 'AKIA') || has(text, i, 'ASIA') || has(text, i, 'AIza')) push(out, i, 4)
}
const upperK: Confirm = (text, i, out) => {
  if (is(text, i - 1, 83) && isLowerHex(text.charCodeAt(i + 1))) push(out, i - 1, 3)
}
const upperG: Confirm = (text, i, out) => {
  if (is(text, i - 1, 83) && is(text, i + 1, 46)) push(out, i - 1, 3)
}
const upperJ: Confirm = (text, i, out) => {
  if (is(text, i - 1, 121) && is(text, i - 2, 101)) push(out, i - 2, 3)
}
const upperB: Confirm = (text, i, out) => {
  if (has(text, i, 'Bearer ')) push(out, i, 7)
  else if (has(text, i, 'Basic ')) push(out, i, 6)
}

/** Every position where a secret prefix starts, as `start * prefixSlots + length`, ascending. */
export function findSecretPrefixes(text: string): readonly number[] | Float64Array {
  const out: number[] = []
  // One loop per needle, so each confirm call site stays monomorphic and inlinable.
  for (let i = text.indexOf('_'); i >= 0; i = text.indexOf('_', i + 1)) underscore(text, i, out)
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) dash(text, i, out)
  for (let i = text.indexOf('A'); i >= 0; i = text.indexOf('A', i + 1)) upperA(text, i, out)
  for (let i = text.indexOf('K'); i >= 0; i = text.indexOf('K', i + 1)) upperK(text, i, out)
  for (let i = text.indexOf('G'); i >= 0; i = text.indexOf('G', i + 1)) upperG(text, i, out)
  for (let i = text.indexOf('J'); i >= 0; i = text.indexOf('J', i + 1)) upperJ(text, i, out)
  for (let i = text.indexOf('B'); i >= 0; i = text.indexOf('B', i + 1)) upperB(text, i, out)
  for (let i = text.indexOf('bearer '); i >= 0; i = text.indexOf('bearer ', i + 1)) push(out, i, 7)
  // A long list (adversarial text) sorts faster as a typed array: natively, without a comparator.
  return out.length > 256 ? Float64Array.from(out).sort() : out.sort((a, b) => a - b)
}
