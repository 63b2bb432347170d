// One byte-exact text per value, so a hash over it does not depend on key order, engine or version.
// Sorted keys (UTF-16 code-unit order, as Array.prototype.sort), no whitespace, numbers and strings as
// ECMAScript JSON.stringify writes them (both are fixed by the language specification), and anything
// JSON cannot carry exactly is refused rather than silently changed.

/** Thrown when a value has no canonical JSON form; `path` names where (`entry.typeCounts.EMAIL`). */
export class CanonicalJsonError extends TypeError {
  readonly path: string
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`)
    this.name = 'CanonicalJsonError'
    this.path = path
  }
}

// Ledger entries are a few levels deep; the bound also turns a reference cycle into an error.
const maxDepth = 32

/**
 * The canonical JSON text of `value`. Object keys are sorted and keys whose value is `undefined` are
 * left out; `-0` is written `0`. Throws {@link CanonicalJsonError} on non-finite numbers, `undefined`
 * in arrays, bigints, functions, symbols, objects that are not plain (Date, Map, class instances) and
 * nesting deeper than 32 (which includes cycles).
 */
export function canonicalJson(value: unknown, root = '$'): string {
  return write(value, [root])
}

// `path` is the stack of keys down to `value`; it is joined only when something is refused, so the
// common case builds no path strings.
function write(value: unknown, path: (string | number)[]): string {
  switch (typeof value) {
    case 'string':
      return quote(value)
    case 'number':
      if (!Number.isFinite(value)) fail(path, `number must be finite, got ${value}`)
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value === null) return 'null'
      if (path.length > maxDepth) fail(path, `nested deeper than ${maxDepth} (a cycle?)`)
      return Array.isArray(value) ? writeArray(value, path) : writeObject(value, path)
    default:
      return fail(path, `${typeof value} has no JSON form`)
  }
}

function writeArray(items: readonly unknown[], path: (string | number)[]): string {
  let out = '['
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    path.push(i)
    // JSON.stringify would write null here: a changed value, so refuse it.
    if (item === undefined) fail(path, 'undefined in an array')
    out += i === 0 ? write(item, path) : `,${write(item, path)}`
    path.pop()
  }
  return `${out}]`
}

function writeObject(value: object, path: (string | number)[]): string {
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    fail(path, `${proto?.constructor?.name ?? 'object'} is not a plain object`)
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  let out = '{'
  for (const key of keys) {
    const item = record[key]
    if (item === undefined) continue
    path.push(key)
    out += `${out.length === 1 ? '' : ','}${quote(key)}:${write(item, path)}`
    path.pop()
  }
  return `${out}}`
}

// Most strings need no escaping; quoting them directly is several times faster than JSON.stringify and
// gives the same text. Anything with a quote, backslash, control character or surrogate goes the long way.
const needsNoEscape = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/

function quote(text: string): string {
  return needsNoEscape.test(text) ? `"${text}"` : JSON.stringify(text)
}

function fail(path: readonly (string | number)[], problem: string): never {
  const where = path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join('')
  throw new CanonicalJsonError(where, problem)
}
