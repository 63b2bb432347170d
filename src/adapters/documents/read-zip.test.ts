import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildDocx, buildZip, wordParagraph } from './build-test-documents.ts'
import { extractDocument } from './extract-document.ts'
import { defaultExtractLimits, type ExtractLimits } from './extract-limits.ts'
import { openZip } from './read-zip.ts'

const centralSignature = [0x50, 0x4b, 0x01, 0x02]
const localSignature = [0x50, 0x4b, 0x03, 0x04]

function offsetsOf(bytes: Uint8Array, signature: readonly number[]): number[] {
  const offsets: number[] = []
  for (let index = 0; index + 4 <= bytes.length; index++) {
    if (signature.every((byte, at) => bytes[index + at] === byte)) offsets.push(index)
  }
  return offsets
}

/** Rewrites fields of every central and local header, the way a hostile archive would lie. */
function patchHeaders(
  bytes: Uint8Array,
  patch: (view: DataView, offset: number, central: boolean) => void,
): Uint8Array {
  const copy = bytes.slice()
  const view = new DataView(copy.buffer)
  for (const offset of offsetsOf(copy, centralSignature)) patch(view, offset, true)
  for (const offset of offsetsOf(copy, localSignature)) patch(view, offset, false)
  return copy
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    return String((error as { code?: unknown }).code)
  }
}

async function readAll(bytes: Uint8Array, limits: Partial<ExtractLimits> = {}): Promise<void> {
  const zip = openZip(bytes, { ...defaultExtractLimits, ...limits })
  for (const name of zip.names) await zip.read(name)
}

const zeros = (size: number): Uint8Array => new Uint8Array(size)

describe('openZip', () => {
  it('reads entries back byte for byte, stored or deflated', async () => {
    const text = '가나다 '.repeat(1000)
    const zip = openZip(
      buildZip({ stored: 'plain', 'dir/deflated.xml': text }, ['stored']),
      defaultExtractLimits,
    )
    assert.deepEqual(zip.names, ['stored', 'dir/deflated.xml'])
    assert.equal(new TextDecoder().decode(await zip.read('stored')), 'plain')
    assert.equal(new TextDecoder().decode(await zip.read('/DIR/Deflated.xml')), text)
    assert.equal(zip.has('missing'), false)
  })

  const refusals: readonly {
    readonly name: string
    readonly bytes: () => Uint8Array
    readonly limits?: Partial<ExtractLimits>
    readonly code: string
  }[] = [
    {
      name: 'a zip bomb entry past the compression ratio',
      bytes: () => buildZip({ 'bomb.xml': zeros(8 * 1024 * 1024) }),
      code: 'LIMIT_EXCEEDED',
    },
    {
      name: 'an entry declaring more than the uncompressed limit',
      bytes: () => buildZip({ 'big.xml': zeros(2 * 1024 * 1024) }),
      limits: { maxUncompressedBytes: 1024 * 1024, maxCompressionRatio: 10_000 },
      code: 'LIMIT_EXCEEDED',
    },
    {
      name: 'entries whose declared total passes the limit',
      bytes: () => buildZip({ a: zeros(600_000), b: zeros(600_000) }),
      limits: { maxUncompressedBytes: 1_000_000 },
      code: 'LIMIT_EXCEEDED',
    },
    {
      name: 'an entry that lies about its size',
      bytes: () =>
        patchHeaders(buildZip({ 'liar.xml': zeros(4 * 1024 * 1024) }), (view, offset, central) => {
          view.setUint32(offset + (central ? 24 : 22), 1000, true)
        }),
      code: 'LIMIT_EXCEEDED',
    },
    {
      name: 'more entries than allowed',
      bytes: () => buildZip(Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`f${index}`, 'x']))),
      limits: { maxEntries: 10 },
      code: 'LIMIT_EXCEEDED',
    },
    {
      name: 'a truncated archive',
      bytes: () => buildZip({ 'a.xml': 'hello'.repeat(100) }).slice(0, 60),
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'a corrupted entry (checksum)',
      bytes: () => {
        const bytes = buildZip({ 'a.txt': 'hello world' }, ['a.txt'])
        const at = Buffer.from(bytes).indexOf('hello world')
        bytes[at] = 0x48
        return bytes
      },
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'duplicate entry names',
      bytes: () => {
        const bytes = buildZip({ 'a.xml': '1', 'b.xml': '2' })
        for (const offset of offsetsOf(bytes, [0x62, 0x2e, 0x78, 0x6d, 0x6c])) bytes[offset] = 0x41
        return bytes
      },
      code: 'BROKEN_DOCUMENT',
    },
    {
      name: 'encrypted entries',
      bytes: () =>
        patchHeaders(buildZip({ 'a.xml': 'x' }), (view, offset, central) => {
          const flags = offset + (central ? 8 : 6)
          view.setUint16(flags, view.getUint16(flags, true) | 1, true)
        }),
      code: 'ENCRYPTED_DOCUMENT',
    },
  ]
  for (const refusal of refusals) {
    it(`refuses ${refusal.name} with ${refusal.code}`, async () => {
      assert.equal(await codeOf(readAll(refusal.bytes(), refusal.limits)), refusal.code)
    })
  }

  it('stops a zip bomb inside a DOCX before inflating it', async () => {
    const docx = buildDocx({ body: wordParagraph('x') })
    const bomb = buildZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': zeros(20 * 1024 * 1024) })
    assert.equal((await extractDocument(docx)).format, 'docx')
    assert.equal(await codeOf(extractDocument(bomb)), 'LIMIT_EXCEEDED')
  })
})
