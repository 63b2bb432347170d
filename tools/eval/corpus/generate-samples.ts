import { createRng } from './prng.ts'
import { type GoldSpan, renderTemplate } from './render-template.ts'
import { slots } from './slots.ts'
import type { Form, Lang, TemplateGroup } from './template-group.ts'
import { contactTemplates } from './templates-contact.ts'
import { koreanIdTemplates } from './templates-korean-ids.ts'
import { negativeTemplates } from './templates-negative.ts'
import { paymentDeviceTemplates } from './templates-payment-device.ts'
import { mixedTemplates, secretMarkingTemplates } from './templates-secrets-mixed.ts'

/** One labelled sentence or prompt of the evaluation corpus. */
export interface CorpusSample {
  readonly id: string
  readonly text: string
  readonly spans: readonly GoldSpan[]
  readonly lang: Lang
  readonly form: Form
}

/** Knobs of the generator; the defaults define the checked-in evaluation corpus. */
export interface GenerateOptions {
  readonly seed?: number
  readonly size?: number
  /** Share of parts drawn from the hard negatives. */
  readonly negativeShare?: number
}

/** Seed of the evaluation corpus that `npm run eval` scores. */
export const defaultCorpusSeed = 20261124
/** Number of samples in the evaluation corpus: a few thousand prompts, ~5,000 labelled spans. */
export const defaultCorpusSize = 4000

interface Entry {
  readonly lang: Lang
  readonly form: Form
  readonly text: string
  readonly negative: boolean
}

const flatten = (groups: readonly TemplateGroup[]): Entry[] =>
  groups.flatMap((g) =>
    g.texts.map((text) => ({ lang: g.lang, form: g.form, text, negative: g.negative === true })),
  )

const positives = flatten([
  ...koreanIdTemplates,
  ...contactTemplates,
  ...paymentDeviceTemplates,
  ...secretMarkingTemplates,
  ...mixedTemplates,
])
const negatives = flatten(negativeTemplates)

// Prompt preambles users put before pasted material; they carry nothing to label.
const preambles: Readonly<Record<Lang, readonly string[]>> = {
  ko: [
    '다음 내용을 요약해 줘:\n',
    '아래 메시지를 정중하게 다듬어 줘.\n',
    '이거 표로 정리해줘 ',
    '번역해줘: ',
  ],
  en: ['Summarize the following:\n', 'Fix the grammar: ', 'Extract the key facts from this text:\n'],
  mixed: ['다음 내용을 영어로 번역해 줘:\n', 'Rewrite this politely:\n'],
}

/**
 * Generates the labelled corpus: each sample is one to three rendered templates, sometimes after a
 * prompt preamble. Deterministic for a given seed and size.
 */
export function generateSamples(options: GenerateOptions = {}): CorpusSample[] {
  const rng = createRng(options.seed ?? defaultCorpusSeed)
  const size = options.size ?? defaultCorpusSize
  const negativeShare = options.negativeShare ?? 0.22
  const samples: CorpusSample[] = []
  for (let i = 0; i < size; i++) {
    const partCount = rng.chance(0.85) ? 1 : rng.int(2, 3)
    let text = ''
    const spans: GoldSpan[] = []
    let lang: Lang | undefined
    let form: Form = 'chat'
    let previous: Form = 'chat'
    for (let p = 0; p < partCount; p++) {
      const entry = rng.chance(negativeShare) ? rng.pick(negatives) : rng.pick(positives)
      if (p === 0) {
        form = entry.form
        if (rng.chance(0.25)) text += rng.pick(preambles[entry.lang])
      } else {
        // Chat turns may run on in one line; records, mails, logs and documents are line-oriented.
        const inline = entry.form === 'chat' && previous === 'chat'
        text += inline ? rng.pick([' ', '\n']) : rng.pick(['\n', '\n\n'])
      }
      previous = entry.form
      lang = lang === undefined || lang === entry.lang ? entry.lang : 'mixed'
      const rendered = renderTemplate(entry.text, rng, slots)
      if (entry.negative && rendered.spans.length > 0)
        throw new Error(`negative template labelled: ${entry.text}`)
      const offset = text.length
      for (const s of rendered.spans)
        spans.push({ type: s.type, start: s.start + offset, end: s.end + offset })
      text += rendered.text
    }
    samples.push({ id: `s${String(i).padStart(5, '0')}`, text, spans, lang: lang ?? 'ko', form })
  }
  return samples
}

/** Number of templates, for reports: positives and hard negatives. */
export const templateCounts = { positive: positives.length, negative: negatives.length }
