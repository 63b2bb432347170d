import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseIpv4 } from './parse-ipv4.ts'

describe('parseIpv4', () => {
  const valid: [string, number[]][] = [
    ['0.0.0.0', [0, 0, 0, 0]],
    ['192.168.0.1', [192, 168, 0, 1]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['8.8.8.8', [8, 8, 8, 8]],
  ]
  for (const [text, octets] of valid) {
    it(`returns the octets when given ${text}`, () => {
      assert.deepEqual(parseIpv4(text), octets)
    })
  }
  const invalid = [
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1.2.3.004',
    '1..3.4',
    '1.2.3.a',
    '',
    '1.2.3.4 ',
  ]
  for (const text of invalid) {
    it(`returns undefined when given ${JSON.stringify(text)}`, () => {
      assert.equal(parseIpv4(text), undefined)
    })
  }
})
