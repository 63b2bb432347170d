import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { TypedSpan } from './score-spans.ts'

// The `sluice scan --jsonl` output line: one object per input line, findings in UTF-16 offsets.
const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  findings: z.array(
    z.object({
      type: z.string(),
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      score: z.number().optional(),
    }),
  ),
})

/** Reads a predictions JSONL (`{"id","findings":[{"type","start","end","score"}]}` per line) into spans by id. */
export function readPredictions(path: string): Map<string, TypedSpan[]> {
  const out = new Map<string, TypedSpan[]>()
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`)
      }
      const parsed = lineSchema.safeParse(json)
      if (!parsed.success)
        throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'bad line'}`)
      const spans = out.get(parsed.data.id) ?? []
      for (const f of parsed.data.findings) spans.push({ type: f.type, start: f.start, end: f.end })
      out.set(parsed.data.id, spans)
    })
  return out
}
