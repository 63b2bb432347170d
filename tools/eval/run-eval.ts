// `npm run eval`: scores the detection engine on the labelled corpus, per type and overall.
//
//   node tools/eval/run-eval.ts                       scan the generated corpus with the engine
//   node tools/eval/run-eval.ts --corpus held-out.jsonl
//   node tools/eval/run-eval.ts --predictions preds.jsonl [--corpus corpus.jsonl]
//   node tools/eval/run-eval.ts --seed 7 [--size 4000]   a fresh corpus in memory (values unseen by tuning)
//   options: --json (machine-readable), --iou 0.9, --examples 3, --strict (exit 1 on a missed target)
import { parseArgs } from 'node:util'
import { createDetectionEngine } from '../../src/core/detection/create-engine.ts'
import { createDefaultDetectors } from '../../src/core/detectors/index.ts'
import { type CorpusSample, defaultCorpusSeed, defaultCorpusSize } from './corpus/generate-samples.ts'
import { defaultCorpusPath, readCorpus, syncCorpusFile } from './corpus-file.ts'
import { checkTargets } from './eval-targets.ts'
import { formatEvalReport, selectErrors } from './format-eval-report.ts'
import { generateCorpus } from './generate-corpus.ts'
import { readPredictions } from './read-predictions.ts'
import { defaultIouThreshold, type ScoredText, scoreSpans, type TypedSpan } from './score-spans.ts'

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    predictions: { type: 'string' },
    iou: { type: 'string' },
    examples: { type: 'string' },
    strict: { type: 'boolean', default: false },
    seed: { type: 'string' },
    size: { type: 'string' },
  },
})

const threshold = values.iou === undefined ? defaultIouThreshold : Number(values.iou)
const examples = values.examples === undefined ? 3 : Number(values.examples)
if (!(threshold > 0 && threshold <= 1) || !(examples >= 0)) {
  process.stderr.write('--iou must be in (0, 1] and --examples >= 0\n')
  process.exit(2)
}

function loadCorpus(): { samples: CorpusSample[]; path: string } {
  if (values.corpus !== undefined) return { samples: readCorpus(values.corpus), path: values.corpus }
  if (values.seed !== undefined || values.size !== undefined) {
    const seed = Number(values.seed ?? defaultCorpusSeed)
    const size = Number(values.size ?? defaultCorpusSize)
    return { samples: generateCorpus(seed, size), path: `(in memory: seed ${seed}, ${size} samples)` }
  }
  // The generated corpus is regenerated in memory (it takes well under a second) and the file is
  // rewritten only when it differs, so the file on disk never goes stale after a generator change.
  const samples = generateCorpus()
  syncCorpusFile(defaultCorpusPath, samples)
  return { samples, path: defaultCorpusPath }
}

const { samples, path } = loadCorpus()
let source: string
let scanMs = 0
const texts: ScoredText[] = []
if (values.predictions !== undefined) {
  const predictions = readPredictions(values.predictions)
  if (predictions.size === 0)
    process.stderr.write(`warning: ${values.predictions} holds no prediction lines\n`)
  const known = new Set(samples.map((s) => s.id))
  const unknown = [...predictions.keys()].filter((id) => !known.has(id))
  if (unknown.length > 0)
    process.stderr.write(`warning: ${unknown.length} prediction ids not in the corpus, e.g. ${unknown[0]}\n`)
  for (const s of samples)
    texts.push({ id: s.id, text: s.text, gold: s.spans, predicted: predictions.get(s.id) ?? [] })
  source = `predictions ${values.predictions}`
} else {
  const engine = createDetectionEngine(createDefaultDetectors())
  const started = performance.now()
  for (const s of samples) {
    const predicted: TypedSpan[] = engine
      .scan(s.text)
      .map((f) => ({ type: f.type, start: f.start, end: f.end }))
    texts.push({ id: s.id, text: s.text, gold: s.spans, predicted })
  }
  scanMs = performance.now() - started
  source = `engine (${engine.types.length} types from the default detectors)`
}

const scores = scoreSpans(texts, threshold)
const checks = checkTargets(scores)
const goldCount = samples.reduce((n, s) => n + s.spans.length, 0)

if (values.json) {
  const perType = Object.fromEntries([...scores.perType].map(([type, m]) => [type, m]))
  const result = {
    corpus: { path, samples: samples.length, goldSpans: goldCount },
    source,
    iouThreshold: threshold,
    perType,
    micro: scores.micro,
    targets: checks,
    pass: checks.every((c) => c.pass),
    errors: selectErrors(scores.errors, examples),
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
} else {
  const timing = scanMs > 0 ? `, scanned in ${(scanMs / 1000).toFixed(2)} s` : ''
  process.stdout.write(
    `corpus ${path}: ${samples.length} samples, ${goldCount} gold spans; ${source}${timing}\n` +
      `match rule: same type and span IoU >= ${threshold} (presidio-research SpanEvaluator default)\n\n`,
  )
  process.stdout.write(formatEvalReport(scores, checks, examples))
}
if (values.strict && !checks.every((c) => c.pass)) process.exitCode = 1
