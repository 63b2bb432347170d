import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyIpv4, classifyIpv6 } from './classify-ip.ts'

describe('classifyIpv4', () => {
  const cases: [[number, number, number, number], string][] = [
    [[10, 0, 0, 1], 'private'],
    [[172, 15, 0, 1], 'public'],
    [[172, 16, 0, 1], 'private'],
    [[172, 31, 0, 1], 'private'],
    [[172, 32, 0, 1], 'public'],
    [[192, 168, 1, 1], 'private'],
    [[100, 64, 0, 1], 'private'],
    [[127, 0, 0, 1], 'loopback'],
    [[169, 254, 0, 1], 'link-local'],
    [[0, 0, 0, 0], 'reserved'],
    [[224, 0, 0, 1], 'reserved'],
    [[255, 255, 255, 255], 'reserved'],
    [[8, 8, 8, 8], 'public'],
  ]
  for (const [octets, kind] of cases) {
    it(`returns ${kind} when given ${octets.join('.')}`, () => {
      assert.equal(classifyIpv4(octets), kind)
    })
  }
})

describe('classifyIpv6', () => {
  const cases: [number[], string][] = [
    [[0, 0, 0, 0, 0, 0, 0, 1], 'loopback'],
    [[0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001], 'private'],
    [[0xfc00, 0, 0, 0, 0, 0, 0, 1], 'private'],
    [[0xfd12, 0x3456, 0, 0, 0, 0, 0, 1], 'private'],
    [[0xfe80, 0, 0, 0, 0, 0, 0, 1], 'link-local'],
    [[0xfebf, 0, 0, 0, 0, 0, 0, 1], 'link-local'],
    [[0xfec0, 0, 0, 0, 0, 0, 0, 1], 'public'],
    [[0xff02, 0, 0, 0, 0, 0, 0, 1], 'reserved'],
    [[0, 0, 0, 0, 0, 0, 0, 0], 'reserved'],
    [[0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], 'public'],
  ]
  for (const [words, kind] of cases) {
    it(`returns ${kind} when given ${words.map((w) => w.toString(16)).join(':')}`, () => {
      assert.equal(classifyIpv6(words), kind)
    })
  }
})
