// Generates the labelled evaluation corpus. Run directly to (re)write the JSONL:
//   node tools/eval/generate-corpus.ts [--seed N] [--size N] [--out path]
import { parseArgs } from 'node:util'
import {
  type CorpusSample,
  defaultCorpusSeed,
  defaultCorpusSize,
  generateSamples,
} from './corpus/generate-samples.ts'
import { defaultCorpusPath, syncCorpusFile } from './corpus-file.ts'

/** One labelled sample, re-exported for the eval and bench tools. */
export type { CorpusSample } from './corpus/generate-samples.ts'

/** The evaluation corpus for a seed and size (defaults: the corpus `npm run eval` scores). */
export function generateCorpus(seed = defaultCorpusSeed, size = defaultCorpusSize): CorpusSample[] {
  return generateSamples({ seed, size })
}

/** Counts gold spans per entity type. */
export function supportByType(samples: readonly CorpusSample[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const s of samples) for (const span of s.spans) counts.set(span.type, (counts.get(span.type) ?? 0) + 1)
  return counts
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, size: { type: 'string' }, out: { type: 'string' } },
  })
  const samples = generateCorpus(
    Number(values.seed ?? defaultCorpusSeed),
    Number(values.size ?? defaultCorpusSize),
  )
  const out = values.out ?? defaultCorpusPath
  const wrote = syncCorpusFile(out, samples)
  const support = [...supportByType(samples)].sort((a, b) => b[1] - a[1])
  const negatives = samples.filter((s) => s.spans.length === 0).length
  process.stdout.write(
    `${wrote ? 'wrote' : 'unchanged'} ${out}: ${samples.length} samples, ${negatives} without labels\n`,
  )
  for (const [type, n] of support) process.stdout.write(`  ${type.padEnd(20)} ${n}\n`)
}
