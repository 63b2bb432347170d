import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../detection/create-engine.ts'
import type { Finding } from '../../detection/finding.ts'
import { languageDetectors } from './index.ts'

const engine = createDetectionEngine(languageDetectors)
const addresses = (text: string): Finding[] => engine.scan(text).filter((f) => f.type === 'KR_ADDRESS')
const spans = (text: string): string[] => addresses(text).map((f) => text.slice(f.start, f.end))

// [shape, text, the address expected]
const positives: readonly (readonly [string, string, string])[] = [
  [
    'a full road address with 참고항목',
    '서울특별시 종로구 세종대로 209 (세종로)',
    '서울특별시 종로구 세종대로 209 (세종로)',
  ],
  [
    'a detail part and a label before',
    '주소: 서울시 강남구 테헤란로 152, 101동 1203호 입니다',
    '서울시 강남구 테헤란로 152, 101동 1203호',
  ],
  ['a city with a district', '경기도 성남시 분당구 판교역로 235에 있다', '경기도 성남시 분당구 판교역로 235'],
  [
    'a numbered branch road and a particle',
    '부산 해운대구 중앙로12번길 34-1으로 오세요',
    '부산 해운대구 중앙로12번길 34-1',
  ],
  ['a 가길 branch', '서울 송파구 올림픽로35가길 10', '서울 송파구 올림픽로35가길 10'],
  [
    'a 1길 road with apartment detail',
    '서울 관악구 솔밭1길 12, 101동 1203호(신림동, 래미안아파트)',
    '서울 관악구 솔밭1길 12, 101동 1203호(신림동, 래미안아파트)',
  ],
  [
    'a floor and unit',
    '서울특별시 마포구 월드컵북로 396 3층 302호(상암동)',
    '서울특별시 마포구 월드컵북로 396 3층 302호(상암동)',
  ],
  ['a district without province', '강남구 테헤란로 152', '강남구 테헤란로 152'],
  ['a county and a township', '경기 양평군 양서면 다산로 123', '경기 양평군 양서면 다산로 123'],
  ['세종, which has no 시·군·구', '세종특별자치시 한누리대로 2130', '세종특별자치시 한누리대로 2130'],
  ['a special self-governing province', '제주특별자치도 제주시 문연로 6', '제주특별자치도 제주시 문연로 6'],
  ['a lot number with a dash', '강남구 삼성동 338-3', '강남구 삼성동 338-3'],
  ['a lot number with 번지', '서울 강남구 역삼동 123번지에서 만나요', '서울 강남구 역삼동 123번지'],
  ['a 리 lot address', '경기도 양평군 양서면 용담리 12-3', '경기도 양평군 양서면 용담리 12-3'],
  ['an underground building number', '서울 중구 을지로 지하 12', '서울 중구 을지로 지하 12'],
  [
    'a branch road written apart',
    '부산광역시 부산진구 중앙대로 644번길 20',
    '부산광역시 부산진구 중앙대로 644번길 20',
  ],
  ['a 2026 district', '인천광역시 영종구 공항로 272', '인천광역시 영종구 공항로 272'],
]

// [why it is not an address, text]
const negatives: readonly (readonly [string, string])[] = [
  ['a district alone', '강남구에 산다'],
  ['a road without a district', '테헤란로 152에서 보자'],
  ['a province with 로 as a particle', '서울로 3시간 걸린다'],
  ['a number with a unit', '강남구 테헤란로 5분 거리'],
  ['a road with a distance', '강남구 테헤란로 3km 구간'],
  ['a 동 without district', '삼성동 338-3'],
  ['a building unit alone', '101동 1203호'],
  ['a unit count after a road', '서울 강남구 테헤란로 10개 매장'],
  ['a sentence with 으로 and a number', '결과적으로 3배 증가했다'],
  ['a province and a year', '서울 강남구 2024년 통계'],
]

describe('krAddressDetector', () => {
  for (const [shape, text, expected] of positives) {
    it(`finds the address when it is ${shape}`, () => {
      assert.deepEqual(spans(text), [expected])
    })
  }
  for (const [why, text] of negatives) {
    it(`finds nothing when ${why}: ${text}`, () => {
      assert.deepEqual(spans(text), [])
    })
  }
  it('scores a detailed address above a bare one', () => {
    const [bare] = addresses('서울특별시 강남구 테헤란로 152')
    const [detailed] = addresses('서울특별시 강남구 테헤란로 152, 101동 1203호')
    assert.ok(bare && detailed && detailed.score > bare.score && bare.score >= 0.8)
  })
  it('labels road and lot addresses in the subtype', () => {
    assert.deepEqual(
      addresses('강남구 테헤란로 152 / 강남구 삼성동 338-3').map((f) => f.subtype),
      ['road', 'lot'],
    )
  })
  it('maps offsets back when the text had full-width digits', () => {
    const text = '서울 강남구 테헤란로 １５２'
    assert.deepEqual(spans(text), [text])
  })
})
