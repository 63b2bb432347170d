import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createScanInput } from '../../detection/scan-input.ts'
import { matchInRuns } from './numeric-runs.ts'

function matches(text: string, shape: RegExp): string[] {
  const found: string[] = []
  matchInRuns(createScanInput(text), shape, (m, start) => {
    assert.equal(text.slice(start, start + m[0].length), m[0])
    found.push(m[0])
  })
  return found
}

describe('matchInRuns', () => {
  const tenDigits = /(?<![0-9])[0-9]{10}(?![0-9])/g
  it('finds matches at their text offsets when given runs among prose', () => {
    assert.deepEqual(matches('a 1234567890 b, 2024년 c 0987654321.', tenDigits), ['1234567890', '0987654321'])
  })
  it('skips runs shorter than ten characters when given short numbers', () => {
    assert.deepEqual(matches('2024년 3월 10일, 12-34-56 및 99999', /[0-9]+/g), [])
  })
  it('skips runs glued to a letter when given an identifier with a prefix', () => {
    assert.deepEqual(matches('ID1234567890', tenDigits), [])
  })
  it('gives patterns two characters of context when given a dash before the run', () => {
    const afterDash = /(?<=[0-9]-)[0-9]{10}/g
    assert.deepEqual(matches('x 5-1234567890', afterDash), ['1234567890'])
  })
  it('finds several matches in one run when given space-separated numbers', () => {
    assert.deepEqual(matches('1234567890 0987654321', tenDigits), ['1234567890', '0987654321'])
  })
})
