import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { iou, matchSpans, metricsOf, scoreSpans, type TypedSpan } from '../../tools/eval/score-spans.ts'

const span = (type: string, start: number, end: number): TypedSpan => ({ type, start, end })

describe('iou', () => {
  it('is 1 for identical spans and 0 for disjoint or touching ones', () => {
    assert.equal(iou(span('A', 2, 8), span('A', 2, 8)), 1)
    assert.equal(iou(span('A', 0, 4), span('A', 4, 9)), 0)
    assert.equal(iou(span('A', 0, 4), span('A', 6, 9)), 0)
  })
  it('divides the intersection by the union', () => {
    // [0,10) and [5,15): intersection 5, union 15.
    assert.equal(iou(span('A', 0, 10), span('A', 5, 15)), 5 / 15)
    // A particle swallowed into the span: 14 of 15 characters.
    assert.equal(iou(span('A', 0, 14), span('A', 0, 15)), 14 / 15)
  })
})

describe('matchSpans', () => {
  it('needs the same type and IoU at or above the threshold', () => {
    const gold = [span('KR_RRN', 0, 14)]
    assert.equal(matchSpans(gold, [span('KR_FRN', 0, 14)]).matched.length, 0)
    assert.equal(matchSpans(gold, [span('KR_RRN', 0, 13)]).matched.length, 1) // IoU 13/14 ≈ 0.93
    assert.equal(matchSpans(gold, [span('KR_RRN', 0, 12)]).matched.length, 0) // IoU 12/14 ≈ 0.86
    assert.equal(matchSpans(gold, [span('KR_RRN', 0, 12)], 0.8).matched.length, 1)
  })
  it('uses each gold span and each prediction once, best overlap first', () => {
    const gold = [span('A', 0, 10), span('A', 20, 30)]
    const predicted = [span('A', 0, 10), span('A', 0, 10), span('A', 21, 30)]
    const r = matchSpans(gold, predicted)
    assert.deepEqual(
      r.matched.sort((a, b) => a[0] - b[0]),
      [
        [0, 0],
        [1, 2],
      ],
    )
    assert.deepEqual(r.spurious, [1])
    assert.deepEqual(r.missed, [])
  })
})

describe('metricsOf', () => {
  it('computes precision, recall, F1 and F2', () => {
    const m = metricsOf(8, 2, 4)
    assert.equal(m.precision, 0.8)
    assert.equal(m.recall, 8 / 12)
    assert.ok(Math.abs(m.f1 - (2 * 0.8 * (8 / 12)) / (0.8 + 8 / 12)) < 1e-12)
    assert.ok(m.f2 < m.f1, 'F2 weighs the lower recall more')
    assert.equal(m.support, 12)
  })
  it('scores a type with support but no predictions as 0, and an empty type as perfect', () => {
    assert.equal(metricsOf(0, 0, 5).f1, 0)
    assert.equal(metricsOf(0, 3, 0).precision, 0)
    assert.equal(metricsOf(0, 0, 0).f1, 1)
  })
})

describe('scoreSpans', () => {
  const text = '주민번호 900101-1234568로 연락처 010-1234-5678'
  it('counts TP/FP/FN per type and micro over all types', () => {
    const scores = scoreSpans([
      {
        id: 'a',
        text,
        gold: [span('KR_RRN', 5, 19), span('PHONE_NUMBER', 25, 38)],
        predicted: [span('KR_RRN', 5, 19), span('KR_BRN', 25, 38)],
      },
      { id: 'b', text: 'no pii here', gold: [], predicted: [span('PERSON', 0, 2)] },
    ])
    assert.deepEqual(
      [...scores.perType].map(([t, m]) => [t, m.tp, m.fp, m.fn]),
      [
        ['KR_BRN', 0, 1, 0],
        ['KR_RRN', 1, 0, 0],
        ['PERSON', 0, 1, 0],
        ['PHONE_NUMBER', 0, 0, 1],
      ],
    )
    assert.equal(scores.micro.tp, 1)
    assert.equal(scores.micro.fp, 2)
    assert.equal(scores.micro.fn, 1)
  })
  it('explains an error with the value and what the other side had there', () => {
    const scores = scoreSpans([
      { id: 'a', text, gold: [span('KR_RRN', 5, 19)], predicted: [span('KR_RRN', 5, 20)] },
    ])
    // A particle swallowed: 14/15 ≥ 0.9 still matches, so no error.
    assert.equal(scores.errors.length, 0)
    const wrongType = scoreSpans([
      { id: 'a', text, gold: [span('KR_RRN', 5, 19)], predicted: [span('PHONE_NUMBER', 5, 19)] },
    ])
    const fn = wrongType.errors.find((e) => e.kind === 'FN')
    assert.equal(fn?.value, '900101-1234568')
    assert.equal(fn?.near?.type, 'PHONE_NUMBER')
    assert.equal(fn?.near?.iou, 1)
    assert.ok(fn?.context.includes('주민번호'))
  })
})
