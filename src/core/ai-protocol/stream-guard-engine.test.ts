import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../detection/create-engine.ts'
import { createDefaultDetectors } from '../detectors/index.ts'
import { redactText } from '../transform/redact-text.ts'
import { applyEdits, mergeEdits, replacementEdits, tokenEdits } from './guard-edits.ts'
import { createStreamGuard, type GuardVerdict } from './stream-guard.ts'

// The real detection engine behind the guard, as the gateway wires it: findings redacted by tag,
// a pseudonym token restored. Streaming must give exactly what one scan of the whole answer gives.
const engine = createDetectionEngine(createDefaultDetectors())
const restore = (token: string): string => (token === '<PERSON_1>' ? '김철수' : token)
function transform(window: string): GuardVerdict {
  const findings = engine.scan(window)
  const edits = mergeEdits(
    replacementEdits(redactText(window, findings, { kind: 'tag' })),
    tokenEdits(window, restore),
  )
  return { text: applyEdits(window, edits), edits }
}

const answers = [
  '고객 홍길동님(주민등록번호 900101-1234567)의 연락처는 010-1234-5678, 메일은 hong.gildong@example.co.kr 입니다. 계좌 110-123-456789로 입금해 주세요.',
  'Dear <PERSON_1>, your card 4111 1111 1111 1111 and phone +82 10-9876-5432 were updated. 서울특별시 종로구 세종대로 209에서 뵙겠습니다.',
]

describe('createStreamGuard with the detection engine', () => {
  it('releases over random chunkings exactly what a scan of the whole answer gives', () => {
    let seed = 12345
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (const text of answers) {
      const whole = (transform(text) as { text: string }).text
      assert.notEqual(whole, text)
      for (let round = 0; round < 60; round++) {
        const cuts = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
          Math.floor(random() * text.length),
        )
        const points = [0, ...cuts.sort((a, b) => a - b), text.length]
        const guard = createStreamGuard({ transform, holdback: 48, maxTokenLength: 40 })
        let out = ''
        for (let i = 1; i < points.length; i++) {
          const step = guard.push(text.slice(points[i - 1], points[i]), i === points.length - 1)
          assert.ok('text' in step)
          out += step.text
        }
        assert.equal(out, whole, `cuts ${cuts.join(',')}`)
      }
    }
  })
})
