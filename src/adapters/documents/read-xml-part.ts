import type { ZipArchive } from './read-zip.ts'

const utf8 = new TextDecoder('utf-8')
const utf16le = new TextDecoder('utf-16le')
const utf16be = new TextDecoder('utf-16be')

/** Inflates a package part and decodes it as XML text, honouring a UTF-16 byte-order mark. */
export async function readXmlPart(zip: ZipArchive, name: string): Promise<string> {
  const bytes = await zip.read(name)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2))
  // TextDecoder drops a UTF-8 byte-order mark by itself.
  return utf8.decode(bytes)
}
