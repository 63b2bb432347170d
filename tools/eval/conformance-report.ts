// `npm run conformance`: pass rate of the public test vectors in test/conformance, per source file.
//   node tools/eval/conformance-report.ts [--json] [--all-failures]
import { parseArgs } from 'node:util'
import { createDetectionEngine } from '../../src/core/detection/create-engine.ts'
import { createDefaultDetectors } from '../../src/core/detectors/index.ts'
import { checkCase } from '../../test/conformance/check-case.ts'
import { vectorFiles } from '../../test/conformance/vectors/index.ts'

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, 'all-failures': { type: 'boolean', default: false } },
})

interface FileRow {
  readonly name: string
  readonly source: string
  readonly cases: number
  readonly asUpstream: number
  readonly documented: number
  readonly failing: { text: string; types: string; expected: string; found: string }[]
}

const engine = createDetectionEngine(createDefaultDetectors())
const rows: FileRow[] = vectorFiles.map((file) => {
  let asUpstream = 0
  let documented = 0
  const failing: FileRow['failing'] = []
  for (const c of file.cases) {
    const o = checkCase(engine, c)
    if (o.pass && c.difference) documented++
    else if (o.pass) asUpstream++
    else {
      const want = c.difference ?? c
      failing.push({
        text: c.text,
        types: c.types.join('|'),
        expected: `${want.count}${want.spans ? ` ${JSON.stringify(want.spans)}` : ''}${c.difference ? ' (documented difference)' : ''}`,
        found: `${o.found.length} ${JSON.stringify(o.found)}`,
      })
    }
  }
  const source = `${file.source.repo}/${file.source.path} @ ${file.source.commit.slice(0, 10)} (${file.source.licence})`
  return { name: file.name, source, cases: file.cases.length, asUpstream, documented, failing }
})

const total = rows.reduce((n, r) => n + r.cases, 0)
const passing = rows.reduce((n, r) => n + r.asUpstream + r.documented, 0)
const differences = rows.reduce((n, r) => n + r.documented, 0)
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ total, passing, documentedDifferences: differences, passRate: passing / Math.max(1, total), files: rows }, null, 2)}\n`,
  )
} else {
  const out: string[] = [
    `${'source file'.padEnd(48)} ${'cases'.padStart(5)} ${'pass'.padStart(5)} ${'diff'.padStart(5)} ${'fail'.padStart(5)} ${'rate'.padStart(7)}`,
  ]
  for (const r of rows) {
    const ok = r.asUpstream + r.documented
    out.push(
      `${r.name.padEnd(48)} ${String(r.cases).padStart(5)} ${String(r.asUpstream).padStart(5)} ${String(r.documented).padStart(5)} ${String(r.failing.length).padStart(5)} ${pct(ok, r.cases).padStart(7)}`,
    )
  }
  out.push(
    `${'overall'.padEnd(48)} ${String(total).padStart(5)} ${String(passing - differences).padStart(5)} ${String(differences).padStart(5)} ${String(total - passing).padStart(5)} ${pct(passing, total).padStart(7)}`,
    '',
    'pass = behaves as upstream expects; diff = a documented deliberate difference, behaving exactly as documented;',
    'fail = neither. Sources and the reason of every difference are in test/conformance/vectors/*.ts.',
  )
  for (const r of rows) {
    if (r.failing.length === 0) continue
    out.push('', `${r.name} — ${r.source}`)
    const shown = values['all-failures'] ? r.failing : r.failing.slice(0, 8)
    for (const f of shown)
      out.push(`  ${JSON.stringify(f.text)} ${f.types}: expected ${f.expected}, found ${f.found}`)
    if (shown.length < r.failing.length)
      out.push(`  … ${r.failing.length - shown.length} more (--all-failures)`)
  }
  process.stdout.write(`${out.join('\n')}\n`)
}
