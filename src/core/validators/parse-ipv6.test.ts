import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseIpv6 } from './parse-ipv6.ts'

describe('parseIpv6', () => {
  // Text forms from RFC 4291 §2.2 and RFC 5952 examples.
  const valid: [string, number[]][] = [
    ['2001:db8:0:0:8:800:200c:417a', [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]],
    ['2001:DB8::8:800:200C:417A', [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]],
    ['ff01::101', [0xff01, 0, 0, 0, 0, 0, 0, 0x101]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['fe80::', [0xfe80, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:192.168.1.1', [0, 0, 0, 0, 0, 0xffff, 0xc0a8, 0x0101]],
    ['0:0:0:0:0:0:13.1.68.3', [0, 0, 0, 0, 0, 0, 0x0d01, 0x4403]],
    ['1:2:3:4:5:6:7::', [1, 2, 3, 4, 5, 6, 7, 0]],
  ]
  for (const [text, words] of valid) {
    it(`returns eight words when given ${text}`, () => {
      assert.deepEqual(parseIpv6(text), words)
    })
  }
  const invalid = [
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '12345::1',
    'g::1',
    '::ffff:256.1.1.1',
    '::1.2.3.4:5',
    'aa:bb:cc:dd:ee:ff',
    '12:30:45',
    ':::',
  ]
  for (const text of invalid) {
    it(`returns undefined when given ${text}`, () => {
      assert.equal(parseIpv6(text), undefined)
    })
  }
})
