// Prompt-sized documents for the throughput benchmark, built from the evaluation-corpus generator.
import { generateSamples } from '../eval/corpus/generate-samples.ts'
import { createRng, type Rng } from '../eval/corpus/prng.ts'

/** The benchmark input: documents and what they add up to. */
export interface BenchCorpus {
  readonly docs: readonly string[]
  readonly bytes: number
  readonly identifiers: number
}

/** Shape of the benchmark corpus. */
export interface BenchCorpusOptions {
  readonly totalBytes: number
  /** Target UTF-8 bytes per labelled identifier (realistic prompts: one every ~300–500 bytes). */
  readonly bytesPerIdentifier?: number
  readonly minDocBytes?: number
  readonly maxDocBytes?: number
  /** Terms sprinkled into the filler so a dictionary detector has something to find. */
  readonly terms?: readonly string[]
  readonly seed?: number
}

// Prompt prose with nothing to detect: what surrounds identifiers in real requests.
const filler = [
  '회의록을 바탕으로 다음 주 일정을 정리해 주세요.',
  '아래 내용을 보고서 형식으로 다시 써 줘.',
  '고객 문의에 대한 답변 초안을 부드러운 말투로 작성해 주세요.',
  '이 문단을 세 줄로 요약하고 핵심 키워드를 뽑아 줘.',
  '지난 분기 대비 변화가 큰 항목 위주로 설명해 주세요.',
  '정책 문서의 변경 사항을 표로 비교해 줄 수 있나요?',
  '민원 처리 절차를 단계별로 안내하는 문구가 필요합니다.',
  '보도자료 초안의 문장을 더 간결하게 다듬어 주세요.',
  'Please rewrite the paragraph below in a more formal tone.',
  'Summarize the main risks and list the open questions for the team.',
  'Can you turn these notes into a short status update for management?',
  'Explain the difference between the two approaches in plain language.',
  'Draft a polite reply that confirms receipt and promises an update next week.',
  'Translate the following customer message into natural English.',
  '첨부한 자료의 수치가 맞는지 검토하고 이상한 부분을 알려 주세요.',
  'The vendor asked for clarification on the delivery schedule and the acceptance criteria.',
]

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8')

function fillerSentence(rng: Rng, terms: readonly string[]): string {
  const sentence = rng.pick(filler)
  if (terms.length > 0 && rng.chance(0.1)) return `${rng.pick(terms)} 관련: ${sentence}`
  return sentence
}

/**
 * Builds documents of `minDocBytes`–`maxDocBytes` until `totalBytes` is reached: labelled samples from
 * the generator, separated by filler prose so identifiers land about every `bytesPerIdentifier` bytes.
 */
export function buildBenchCorpus(options: BenchCorpusOptions): BenchCorpus {
  const rng = createRng(options.seed ?? 7)
  const perId = options.bytesPerIdentifier ?? 400
  const minDoc = options.minDocBytes ?? 1024
  const maxDoc = options.maxDocBytes ?? 4096
  const terms = options.terms ?? []
  const pool = generateSamples({ seed: options.seed ?? 7, size: 20000 }).filter((s) => s.spans.length > 0)
  const docs: string[] = []
  let bytes = 0
  let identifiers = 0
  while (bytes < options.totalBytes) {
    const target = rng.int(minDoc, maxDoc)
    const parts: string[] = []
    let docBytes = 0
    let docIds = 0
    while (docBytes < target) {
      // Filler first while the document is denser than the target, then the next labelled sample.
      let piece: string
      if (docIds > 0 && docBytes / docIds < perId) piece = fillerSentence(rng, terms)
      else {
        const sample = rng.pick(pool)
        piece = sample.text
        docIds += sample.spans.length
      }
      parts.push(piece)
      docBytes += utf8(piece) + 1
    }
    const doc = parts.join(rng.chance(0.5) ? '\n' : ' ')
    docs.push(doc)
    bytes += utf8(doc)
    identifiers += docIds
  }
  return { docs, bytes, identifiers }
}

/** A deterministic organisation dictionary of `count` terms: code names, client and system names. */
export function benchDictionaryTerms(count: number, seed = 11): string[] {
  const rng = createRng(seed)
  const latin = [
    'Aurora',
    'Falcon',
    'Granite',
    'Harbor',
    'Juniper',
    'Meridian',
    'Nimbus',
    'Orchid',
    'Quartz',
    'Sentinel',
  ]
  const hangul = ['한빛', '누리', '가람', '새솔', '미르', '다온', '라온', '해찬', '보람', '시나브로']
  const kinds = ['프로젝트', '시스템', '사업', 'TF', '플랫폼']
  const terms = new Set<string>()
  while (terms.size < count) {
    terms.add(
      rng.chance(0.5)
        ? `Project ${rng.pick(latin)}-${rng.int(1, 999)}`
        : `${rng.pick(hangul)}${rng.pick(kinds)}${rng.int(1, 99)}`,
    )
  }
  return [...terms]
}
