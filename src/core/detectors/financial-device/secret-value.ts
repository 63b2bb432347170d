// Values that stand in for a secret rather than being one. Compared after lower-casing and dropping
// everything but letters and digits, so "<YOUR_API_KEY>", "your-api-key" and "YourApiKey" all match.
// "changeme" is treated as a placeholder: it is the documented "replace me" value of many templates,
// and flagging every sample config would drown real leaks.
const placeholderWords: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'secretkey',
  'apikey',
  'token',
  'accesstoken',
  'changeme',
  'changeit',
  'example',
  'sample',
  'test',
  'dummy',
  'null',
  'none',
  'nil',
  'undefined',
  'true',
  'false',
  'string',
  'str',
  'number',
  'required',
  'optional',
  'empty',
  'redacted',
  'masked',
  'hidden',
  'removed',
  'placeholder',
  'value',
  'default',
  'todo',
  'tbd',
  'foo',
  'bar',
  'foobar',
])

// "your_api_key_here", "my-token", "insert key", "enter password", "${DB_PASSWORD}", "%s", "<key>";
// the other shape is a value ending in "here" ("…goeshere" included).
const placeholderStart =
  /^(?:your|my|insert|enter|replace|put|add)(?:api|key|token|secret|pass|pw|own|new|here)/
const templated = /^(?:<[^>]*>|\{\{?[^}]*\}?\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%\(?[a-z_]*\)?s|\[[^\]]*\])$/
// The characters a templated value can start with: '<', '{', '$', '%', '['.
const isTemplateStart = (c: number): boolean => c === 60 || c === 123 || c === 36 || c === 37 || c === 91

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isIdentifierStart = (c: number): boolean => isLetter(c) || c === 95 || c === 36
const isIdentifierPart = (c: number): boolean => isIdentifierStart(c) || isDigit(c)

// Code that reads a secret from elsewhere: os.environ[…], process.env.X, getenv(…), cfg.password.
// Linear form of /^(?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*$|^[A-Za-z_$][\w$.]*[([]/: a dotted path
// of at least two identifiers, or an identifier (dots allowed) running into '(' or '['.
function isCodeReference(value: string): boolean {
  if (!isIdentifierStart(value.charCodeAt(0))) return false
  let dots = 0
  let path = true
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === 46) {
      dots++
      if (!isIdentifierStart(value.charCodeAt(i + 1))) path = false
    } else if (!isIdentifierPart(c)) return c === 40 || c === 91
  }
  return path && dots > 0
}

// Lower-cased letters and digits of a value, as value.toLowerCase().replace(/[^a-z0-9]/g, '') gives
// them: besides ASCII, only 'İ' (→ "i̇") and the Kelvin sign (→ 'k') lower-case to a kept character.
// Written into a reused buffer; returns how many there are.
let plain = new Uint16Array(256)
function plainCodes(value: string): number {
  if (plain.length < value.length) plain = new Uint16Array(value.length)
  let n = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 65 && c <= 90) plain[n++] = c + 32
    else if ((c >= 97 && c <= 122) || isDigit(c)) plain[n++] = c
    else if (c === 0x130) plain[n++] = 105
    else if (c === 0x212a) plain[n++] = 107
  }
  return n
}

/** value.toLowerCase().replace(/[^a-z0-9]/g, ''), without the intermediate copies. */
export function lowerAlphanumerics(value: string): string {
  const n = plainCodes(value)
  let out = ''
  for (let i = 0; i < n; i++) out += String.fromCharCode(plain[i] as number)
  return out
}

// /^(.)\1*$/: one character repeated, which '.' does not allow to be a line terminator.
function isOneRepeatedCharacter(s: string): boolean {
  const first = s.charCodeAt(0)
  if (s.length === 0 || first === 10 || first === 13 || first === 0x2028 || first === 0x2029) return false
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== first) return false
  return true
}

const longestWord = Math.max(...[...placeholderWords].map((w) => w.length))
// Longest text the prefix shape can need: "replace" + "secret".
const shapeHead = 16

// The first `n` plain characters as a string.
function plainHead(n: number): string {
  let head = ''
  for (let i = 0; i < n; i++) head += String.fromCharCode(plain[i] as number)
  return head
}

// True when the plain characters end in "here" (which covers "…goeshere").
function endsWithHere(n: number): boolean {
  return (
    n >= 4 && plain[n - 4] === 104 && plain[n - 3] === 101 && plain[n - 2] === 114 && plain[n - 1] === 101
  )
}

/** True when a value is a placeholder, a template variable, a code reference or a mask. */
export function isPlaceholderValue(value: string): boolean {
  if ((isTemplateStart(value.charCodeAt(0)) && templated.test(value)) || isCodeReference(value)) return true
  // The checks below read the lower-cased letters and digits ("plain") of the value.
  const n = plainCodes(value)
  // Nothing but masks and punctuation ("********", "…", "xxxx-xxxx"), or one repeated character.
  if (n === 0 || isOneRepeatedCharacter(value)) return true
  let same = true
  for (let i = 1; i < n && same; i++) same = plain[i] === plain[0]
  if (same || endsWithHere(n)) return true
  if (n <= longestWord && placeholderWords.has(plainHead(n))) return true
  // "your_api_key_here", "my-token", "insert key", "enter password" …
  return placeholderStart.test(plainHead(Math.min(n, shapeHead)))
}

function classes(value: string): number {
  let seen = 0
  for (let i = 0; i < value.length && seen !== 7; i++) {
    const c = value.charCodeAt(i)
    seen |= isLetter(c) ? 1 : isDigit(c) ? 2 : 4
  }
  return seen
}

/** True when a value mixes letters with digits or symbols: what a chosen password usually looks like. */
export function hasMixedClasses(value: string): boolean {
  const seen = classes(value)
  const letters = (seen & 1) !== 0
  const digits = (seen & 2) !== 0
  const symbols = (seen & 4) !== 0
  return (letters && (digits || symbols)) || (digits && symbols)
}

/** True when a value holds both a letter and a digit: the minimum for a generated key or token. */
export function hasLettersAndDigits(value: string): boolean {
  return (classes(value) & 3) === 3
}
