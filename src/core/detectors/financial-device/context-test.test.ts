import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createScanInput } from '../../detection/scan-input.ts'
import { markingContextWords } from '../language/classified-marking-detector.ts'
import { englishPersonContext } from '../language/english-person-cues.ts'
import { contextTest } from './context-test.ts'
import { cardContextWords, ibanContextWords, imeiContextWords } from './context-words.ts'

describe('contextTest', () => {
  const texts = [
    'Card no 4111 1111 1111 1111',
    '카드번호: 4111111111111111 결제',
    'VISA 4111-1111-1111-1111 exp',
    'American  Express 378282246310005',
    'IMEİ 490154203237518',
    'İmei 490154203237518',
    '기기 고유번호 490154203237518',
    'dial *#06# 490154203237518',
    'KONTO DE89370400440532013000',
    'Customer Name: John Smith, phone 010',
    'CLASSIFIED: SECRET 기밀 등급 보안',
    'Marked SECRET by İ',
    '홍길동 씨, Kim Minsu 씨',
    '',
    'x',
  ]
  const windows = [undefined, { before: 24, after: 0 }, { before: 3, after: 2 }]
  for (const words of [
    cardContextWords,
    imeiContextWords,
    ibanContextWords,
    englishPersonContext,
    markingContextWords,
  ]) {
    it(`answers as ScanInput.hasContext does for ${words[0]} words at every position`, () => {
      const test = contextTest(words)
      for (const text of texts) {
        const input = createScanInput(text)
        for (let start = 0; start <= input.text.length; start++) {
          const end = Math.min(input.text.length, start + 4)
          for (const window of windows) {
            assert.equal(
              test(input.text, start, end, window),
              input.hasContext(start, end, words, window),
              `${JSON.stringify(text)} at ${start}`,
            )
          }
        }
      }
    })
  }
})
