import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { entityTypes } from '../../src/core/detection/entity-type.ts'
import type { CorpusSample } from './corpus/generate-samples.ts'

/** Where the generated corpus lives (git-ignored; `npm run eval` rewrites it when it is stale). */
export const defaultCorpusPath = join(
  import.meta.dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'generated',
  'eval-corpus.jsonl',
)

const spanSchema = z.object({
  type: z.enum(entityTypes),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
})
const sampleSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  spans: z.array(spanSchema),
  lang: z.enum(['ko', 'en', 'mixed']).default('mixed'),
  form: z.enum(['chat', 'form', 'email', 'log', 'json', 'doc']).default('chat'),
})

/** Serialises samples as JSONL, one `{id, text, spans, lang, form}` per line. */
export const toJsonl = (samples: readonly CorpusSample[]): string =>
  `${samples.map((s) => JSON.stringify({ id: s.id, text: s.text, spans: s.spans, lang: s.lang, form: s.form })).join('\n')}\n`

/**
 * Writes `samples` to `path` unless the file already holds exactly that content; returns whether it
 * wrote. Keeps the file in step with the generator without touching it on every run.
 */
export function syncCorpusFile(path: string, samples: readonly CorpusSample[]): boolean {
  const content = toJsonl(samples)
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
  return true
}

/** Reads and checks a corpus JSONL (ours or a held-out one in the same format); throws with the line number. */
export function readCorpus(path: string): CorpusSample[] {
  const out: CorpusSample[] = []
  const lines = readFileSync(path, 'utf8').split('\n')
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const parsed = sampleSchema.safeParse(JSON.parse(line))
    if (!parsed.success)
      throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'bad sample'}`)
    const s = parsed.data
    for (const span of s.spans) {
      if (span.end <= span.start || span.end > s.text.length)
        throw new Error(`${path}:${i + 1}: span out of range`)
    }
    out.push(s)
  })
  return out
}
