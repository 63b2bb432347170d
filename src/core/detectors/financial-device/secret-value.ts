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

// "your_api_key_here", "my-token", "insert key", "enter password", "${DB_PASSWORD}", "%s", "<key>".
const placeholderShapes = [
  /^(?:your|my|insert|enter|replace|put|add)(?:api|key|token|secret|pass|pw|own|new|here)/,
  /(?:here|goeshere)$/,
]
const templated = /^(?:<[^>]*>|\{\{?[^}]*\}?\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%\(?[a-z_]*\)?s|\[[^\]]*\])$/
// Code that reads a secret from elsewhere: os.environ[…], process.env.X, getenv(…), cfg.password.
const codeReference = /^(?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*$|^[A-Za-z_$][\w$.]*[([]/

/** True when a value is a placeholder, a template variable, a code reference or a mask. */
export function isPlaceholderValue(value: string): boolean {
  if (templated.test(value) || codeReference.test(value)) return true
  const plain = value.toLowerCase().replace(/[^a-z0-9]/g, '')
  // Nothing but masks and punctuation ("********", "…", "xxxx-xxxx"), or one repeated character.
  if (plain.length === 0 || /^(.)\1*$/.test(plain) || /^(.)\1*$/.test(value)) return true
  if (placeholderWords.has(plain)) return true
  return placeholderShapes.some((shape) => shape.test(plain))
}

/** True when a value mixes letters with digits or symbols: what a chosen password usually looks like. */
export function hasMixedClasses(value: string): boolean {
  const letters = /[A-Za-z]/.test(value)
  const digits = /[0-9]/.test(value)
  const symbols = /[^A-Za-z0-9]/.test(value)
  return (letters && (digits || symbols)) || (digits && symbols)
}

/** True when a value holds both a letter and a digit: the minimum for a generated key or token. */
export function hasLettersAndDigits(value: string): boolean {
  return /[A-Za-z]/.test(value) && /[0-9]/.test(value)
}
