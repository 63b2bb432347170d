import type { DocumentLocation } from '../app/ports.ts'
import type { DocumentScan } from '../app/scan-document.ts'
import { describeFinding, type FindingRecord } from '../core/detection/describe-finding.ts'
import { maskValue } from '../core/transform/mask-value.ts'

/** One row of `sluice scan` output. */
export interface FindingRow extends FindingRecord {
  readonly file: string
  readonly location: string
  readonly masked: string
}

/** Flattens a document scan into rows; values are masked, never printed whole. */
export function toFindingRows(file: string, scan: DocumentScan): FindingRow[] {
  return scan.segments.flatMap((segment) => {
    const lines = segment.findings.length > 0 ? lineIndex(segment.text) : []
    return segment.findings.map((f) => {
      const value = segment.text.slice(f.start, f.end)
      return {
        file,
        location: describeLocation(segment.location, lines, f.start),
        ...describeFinding(f),
        masked: maskValue(value, { keep: Math.min(4, Math.floor(value.length / 3)), char: '*' }),
      }
    })
  })
}

/** Renders rows as an aligned, human-readable table. */
export function formatTable(rows: readonly FindingRow[]): string {
  if (rows.length === 0) return 'no findings\n'
  const header = ['FILE', 'LOCATION', 'TYPE', 'VALUE', 'SCORE']
  const cells = rows.map((r) => [
    r.file,
    r.location,
    r.subtype ? `${r.type}/${r.subtype}` : r.type,
    r.masked,
    r.score.toFixed(2),
  ])
  // A loop, not Math.max(...cells): a spread of 10⁵ arguments overflows the stack.
  const widths = header.map((h, i) => cells.reduce((w, c) => Math.max(w, displayWidth(c[i] ?? '')), h.length))
  const line = (c: readonly string[]) =>
    c.map((v, i) => (i === c.length - 1 ? v : v + ' '.repeat((widths[i] ?? 0) - displayWidth(v)))).join('  ')
  return `${[line(header), ...cells.map(line)].join('\n')}\n${rows.length} finding${rows.length === 1 ? '' : 's'}\n`
}

function lineIndex(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

function describeLocation(loc: DocumentLocation, lineStarts: readonly number[], offset: number): string {
  const parts: string[] = []
  if (loc.page !== undefined) parts.push(`page ${loc.page}`)
  if (loc.slide !== undefined) parts.push(`slide ${loc.slide}`)
  if (loc.section !== undefined) parts.push(`section ${loc.section}`)
  if (loc.sheet !== undefined) parts.push(loc.cell ? `${loc.sheet}!${loc.cell}` : loc.sheet)
  if (loc.paragraph !== undefined) parts.push(`¶${loc.paragraph}`)
  if (loc.row !== undefined)
    parts.push(`row ${loc.row}${loc.column === undefined ? '' : ` col ${loc.column}`}`)
  if (loc.path !== undefined) parts.push(loc.path)
  if (loc.line !== undefined) parts.push(`line ${loc.line}`)
  if (parts.length === 0) {
    // Whole-text scan: line:column (1-based) of the finding.
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    parts.push(`${lo + 1}:${offset - (lineStarts[lo] ?? 0) + 1}`)
  }
  return parts.join(' ')
}

// Hangul and other wide characters take two terminal columns.
function displayWidth(s: string): number {
  let w = 0
  for (const ch of s)
    w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]/.test(ch) ? 2 : 1
  return w
}
