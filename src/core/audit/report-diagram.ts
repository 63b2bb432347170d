import { categoryLabels } from './audit-categories.ts'
import type { FlowSummaryRow } from './audit-report.ts'
import { escapeHtml } from './report-escape.ts'

interface Node {
  readonly id: string
  readonly label: string
  weight: number
  y: number
  h: number
}

/**
 * The flow diagram as inline SVG: data categories (left) → recipients (middle) → entity countries
 * (right). Band widths grow with the number of findings; red bands carry undisclosed flows.
 */
export function renderFlowDiagram(matrix: readonly FlowSummaryRow[]): string {
  if (matrix.length === 0) return '<p>No findings: nothing to draw.</p>'
  const columns: Map<string, Node>[] = [new Map(), new Map(), new Map()]
  const links: { from: [number, string]; to: [number, string]; weight: number; flagged: boolean }[] = []
  const node = (col: number, id: string, label: string, weight: number): void => {
    const map = columns[col] as Map<string, Node>
    const n = map.get(id)
    if (n) n.weight += weight
    else map.set(id, { id, label, weight, y: 0, h: 0 })
  }
  for (const r of matrix) {
    const weight = Math.max(1, Math.log2(1 + r.findings))
    const entityId = `${r.entity} (${r.entityCountry})`
    node(0, r.category, categoryLabels[r.category], weight)
    node(1, entityId, entityId, weight)
    node(2, r.entityCountry, r.entityCountry, weight)
    links.push({ from: [0, r.category], to: [1, entityId], weight, flagged: r.undisclosed > 0 })
    const existing = links.find((l) => l.from[1] === entityId && l.to[1] === r.entityCountry)
    if (existing) {
      existing.weight += weight
      existing.flagged ||= r.undisclosed > 0
    } else links.push({ from: [1, entityId], to: [2, r.entityCountry], weight, flagged: r.undisclosed > 0 })
  }
  const unit = 14
  const gap = 18
  let height = 0
  for (const col of columns) {
    let y = 30
    for (const n of col.values()) {
      n.y = y
      n.h = n.weight * unit
      y += n.h + gap
    }
    height = Math.max(height, y)
  }
  const width = 1150
  const xs = [30, 380, 1000]
  const nodeWidth = 14
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height + 10}" width="100%" role="img" aria-label="data categories to recipients to countries">`,
    '<text x="30" y="16" font-size="12" font-weight="bold">Data category</text>',
    '<text x="380" y="16" font-size="12" font-weight="bold">Recipient (entity country)</text>',
    '<text x="1000" y="16" font-size="12" font-weight="bold">Entity country</text>',
  ]
  // Each node hands out its height to its links in order, so bands stack instead of overlapping.
  const outUsed = new Map<string, number>()
  const inUsed = new Map<string, number>()
  for (const l of links) {
    const a = columns[l.from[0]]?.get(l.from[1]) as Node
    const b = columns[l.to[0]]?.get(l.to[1]) as Node
    const h = l.weight * unit
    const ay = a.y + (outUsed.get(`${l.from[0]}${a.id}`) ?? 0) + h / 2
    const by = b.y + (inUsed.get(`${l.to[0]}${b.id}`) ?? 0) + h / 2
    outUsed.set(`${l.from[0]}${a.id}`, (outUsed.get(`${l.from[0]}${a.id}`) ?? 0) + h)
    inUsed.set(`${l.to[0]}${b.id}`, (inUsed.get(`${l.to[0]}${b.id}`) ?? 0) + h)
    const x1 = (xs[l.from[0]] as number) + nodeWidth
    const x2 = xs[l.to[0]] as number
    const mid = (x1 + x2) / 2
    parts.push(
      `<path d="M${x1},${ay.toFixed(1)} C${mid},${ay.toFixed(1)} ${mid},${by.toFixed(1)} ${x2},${by.toFixed(1)}" fill="none" stroke="${l.flagged ? '#c0392b' : '#7f8c8d'}" stroke-opacity="0.45" stroke-width="${Math.max(1, h - 2).toFixed(1)}"><title>${escapeHtml(`${a.label} → ${b.label}${l.flagged ? ' (not disclosed)' : ''}`)}</title></path>`,
    )
  }
  columns.forEach((col, i) => {
    for (const n of col.values()) {
      const x = xs[i] as number
      parts.push(
        `<rect x="${x}" y="${n.y.toFixed(1)}" width="${nodeWidth}" height="${n.h.toFixed(1)}" fill="#34495e"/>`,
      )
      // A white halo keeps labels readable where bands pass under them.
      parts.push(
        `<text x="${x + nodeWidth + 6}" y="${(n.y + n.h / 2 + 4).toFixed(1)}" font-size="12" paint-order="stroke" stroke="#fff" stroke-width="3">${escapeHtml(n.label)}</text>`,
      )
    }
  })
  parts.push('</svg>')
  return parts.join('\n')
}
