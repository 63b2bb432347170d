import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildHwp, hwpParagraph, hwpRecord } from './build-test-documents.ts'
import { extractHwp } from './extract-hwp.ts'
import { defaultExtractLimits } from './extract-limits.ts'

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    return String((error as { code?: unknown }).code)
  }
}

/** Points every FAT entry that links to a next sector back at its own sector. */
function loopFat(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice()
  const view = new DataView(copy.buffer)
  const sectorSize = 1 << view.getUint16(0x1e, true)
  const fatOffset = (view.getUint32(0x4c, true) + 1) * sectorSize
  for (let index = 0; index < sectorSize / 4; index++) {
    if (view.getUint32(fatOffset + index * 4, true) < 0xfffffff0)
      view.setUint32(fatOffset + index * 4, index, true)
  }
  return copy
}

/** Sets the FileHeader's compressed flag on a file whose sections were stored raw. */
function markCompressed(bytes: Uint8Array): Uint8Array {
  const header = Buffer.from(bytes).indexOf('HWP Document File')
  bytes[header + 36] = 1
  return bytes
}

describe('extractHwp', () => {
  it('reads an uncompressed section large enough to live outside the mini stream', async () => {
    const long = '가'.repeat(3000)
    const segments = await extractHwp(
      buildHwp([hwpParagraph([long]), hwpParagraph(['끝'])], 0),
      defaultExtractLimits,
    )
    assert.deepEqual(segments, [
      { text: long, location: { section: 1, paragraph: 1 } },
      { text: '끝', location: { section: 2, paragraph: 1 } },
    ])
  })

  it('reads records that use the extended size form', async () => {
    const text = 'x'.repeat(5000)
    const segments = await extractHwp(buildHwp([hwpParagraph([text])]), defaultExtractLimits)
    assert.equal(segments[0]?.text, text)
  })

  const refusals: readonly { name: string; bytes: () => Uint8Array; code: string }[] = [
    {
      name: 'a looping sector chain',
      bytes: () => loopFat(buildHwp([hwpParagraph(['가'.repeat(3000)])], 0)),
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'a record longer than its section',
      bytes: () => buildHwp([[hwpRecord(67, 0, new Uint8Array(40)).slice(0, 20)]]),
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'a compressed section that is not deflate data',
      bytes: () => markCompressed(buildHwp([[new Uint8Array(8).fill(0xff)]], 0)),
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'a section that inflates like a bomb',
      bytes: () => buildHwp([[hwpRecord(67, 0, new Uint8Array(30 * 1024 * 1024))]]),
      code: 'LIMIT_EXCEEDED',
    },
  ]
  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with ${refusal.code}`, async () => {
      assert.equal(await codeOf(extractHwp(refusal.bytes(), defaultExtractLimits)), refusal.code)
    })
  }
})
