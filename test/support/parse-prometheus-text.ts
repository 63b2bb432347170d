// A strict reader of the Prometheus text exposition format, for tests that assert rendered metrics.
import assert from 'node:assert/strict'

/** One sample line. */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

/** A strict reader of the text format: every non-comment line must be `name{labels} value`. */
export function parseExposition(text: string): {
  samples: Sample[]
  help: Map<string, string>
  types: Map<string, string>
} {
  const samples: Sample[] = []
  const help = new Map<string, string>()
  const types = new Map<string, string>()
  assert.ok(text === '' || text.endsWith('\n'), 'the exposition ends with a line feed')
  for (const line of text.split('\n')) {
    if (line === '') continue
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line)
    if (comment) {
      ;(comment[1] === 'HELP' ? help : types).set(comment[2] as string, comment[3] as string)
      continue
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    assert.ok(m, `not a sample line: ${line}`)
    const labels: Record<string, string> = {}
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y
    const body = m[2] ?? ''
    let at = 0
    while (at < body.length) {
      labelPattern.lastIndex = at
      const l = labelPattern.exec(body)
      assert.ok(l, `bad labels: ${body}`)
      labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
      at = labelPattern.lastIndex
    }
    const raw = m[3] as string
    const value =
      raw === '+Inf' ? Number.POSITIVE_INFINITY : raw === '-Inf' ? Number.NEGATIVE_INFINITY : Number(raw)
    assert.ok(!Number.isNaN(value) || raw === 'NaN', `bad value: ${raw}`)
    samples.push({ name: m[1] as string, labels, value })
  }
  return { samples, help, types }
}

/** The value of the one sample with this name and these labels. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const hits = samples.filter(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )
  assert.equal(hits.length, 1, `expected one ${name} ${JSON.stringify(labels)}, found ${hits.length}`)
  return (hits[0] as Sample).value
}
