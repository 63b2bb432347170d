import { promisify } from 'node:util'
import { crc32, inflateRaw } from 'node:zlib'
import { DocumentError } from './document-error.ts'
import type { ExtractLimits } from './extract-limits.ts'

/** A ZIP archive whose central directory has been checked against the limits; entries inflate on demand. */
export interface ZipArchive {
  readonly names: readonly string[]
  has(name: string): boolean
  read(name: string): Promise<Uint8Array>
}

interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly crc: number
  readonly compressedSize: number
  readonly size: number
  readonly localHeaderOffset: number
}

const inflateRawAsync = promisify(inflateRaw)
const endOfCentralDirectory = 0x06054b50
const zip64Locator = 0x07064b50
const zip64End = 0x06064b50
const centralHeader = 0x02014b50
const localHeader = 0x04034b50
// Small entries cannot hurt however well they compress, and tiny XML parts routinely exceed any sane ratio.
const ratioFloorBytes = 1024 * 1024
const nameDecoder = new TextDecoder()

function broken(message: string): DocumentError {
  return new DocumentError('BROKEN_DOCUMENT', `Damaged ZIP archive: ${message}`)
}

function limit(message: string): DocumentError {
  return new DocumentError('LIMIT_EXCEEDED', message)
}

function checked<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof RangeError) throw broken('a record runs past the end of the file')
    throw error
  }
}

/** Part names are case-insensitive in OPC and may be written with a leading slash. */
function normalizeName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase()
}

function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff)
  for (let offset = view.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === endOfCentralDirectory) return offset
  }
  throw broken('no end of central directory record (truncated or not a ZIP file)')
}

function readDirectoryBounds(view: DataView, end: number): { count: number; offset: number } {
  let count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    end >= 20 &&
    view.getUint32(end - 20, true) === zip64Locator
  ) {
    const zip64Offset = Number(view.getBigUint64(end - 12, true))
    if (view.getUint32(zip64Offset, true) !== zip64End) throw broken('bad ZIP64 end record')
    count = Number(view.getBigUint64(zip64Offset + 32, true))
    offset = Number(view.getBigUint64(zip64Offset + 48, true))
  }
  return { count, offset }
}

function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  entry: { size: number; compressedSize: number; localHeaderOffset: number },
): void {
  let position = start
  while (position + 4 <= start + length) {
    const id = view.getUint16(position, true)
    const size = view.getUint16(position + 2, true)
    if (id === 0x0001) {
      let field = position + 4
      const next = (): number => {
        const value = Number(view.getBigUint64(field, true))
        field += 8
        return value
      }
      if (entry.size === 0xffffffff) entry.size = next()
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next()
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next()
      return
    }
    position += 4 + size
  }
}

function readEntries(bytes: Uint8Array, limits: ExtractLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = findEndRecord(view)
  const { count, offset } = readDirectoryBounds(view, end)
  if (count > limits.maxEntries) throw limit(`ZIP archive has ${count} entries (limit ${limits.maxEntries})`)
  const entries: ZipEntry[] = []
  const seen = new Set<string>()
  let totalSize = 0
  let position = offset
  for (let index = 0; index < count; index++) {
    if (view.getUint32(position, true) !== centralHeader) throw broken('bad central directory entry')
    const flags = view.getUint16(position + 8, true)
    const nameLength = view.getUint16(position + 28, true)
    const extraLength = view.getUint16(position + 30, true)
    const commentLength = view.getUint16(position + 32, true)
    const nameStart = position + 46
    if (nameStart + nameLength > bytes.length) throw broken('entry name runs past the end of the file')
    const entry = {
      name: nameDecoder.decode(bytes.subarray(nameStart, nameStart + nameLength)),
      method: view.getUint16(position + 10, true),
      crc: view.getUint32(position + 16, true),
      compressedSize: view.getUint32(position + 20, true),
      size: view.getUint32(position + 24, true),
      localHeaderOffset: view.getUint32(position + 42, true),
    }
    readZip64Extra(view, nameStart + nameLength, extraLength, entry)
    if ((flags & 1) !== 0) throw new DocumentError('ENCRYPTED_DOCUMENT', 'ZIP archive has encrypted entries')
    // Two parsers picking different copies of a duplicated part would let content slip past the scan.
    const key = normalizeName(entry.name)
    if (seen.has(key)) throw broken(`duplicate entry ${entry.name}`)
    seen.add(key)
    totalSize += entry.size
    if (totalSize > limits.maxUncompressedBytes) {
      throw limit(`ZIP archive declares more than ${limits.maxUncompressedBytes} uncompressed bytes`)
    }
    entries.push(entry)
    position = nameStart + nameLength + extraLength + commentLength
  }
  return entries
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const offset = entry.localHeaderOffset
  if (view.getUint32(offset, true) !== localHeader) throw broken(`bad local header for ${entry.name}`)
  const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true)
  const end = start + entry.compressedSize
  if (end > bytes.length) throw broken(`${entry.name} runs past the end of the file`)
  return bytes.subarray(start, end)
}

async function inflateEntry(entry: ZipEntry, data: Uint8Array): Promise<Uint8Array> {
  if (entry.method === 0) return data
  if (entry.method !== 8) {
    throw new DocumentError(
      'UNSUPPORTED_FORMAT',
      `${entry.name} uses unsupported ZIP compression method ${entry.method}`,
    )
  }
  try {
    // Bounding the output by the declared size stops an entry that lies about its size mid-inflate.
    return await inflateRawAsync(data, { maxOutputLength: Math.max(entry.size, 1) })
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw limit(`${entry.name} inflates past its declared size of ${entry.size} bytes`)
    }
    throw broken(`${entry.name} cannot be inflated`)
  }
}

/** Reads a ZIP central directory, refusing encrypted, duplicated or over-limit archives before inflating anything. */
export function openZip(bytes: Uint8Array, limits: ExtractLimits): ZipArchive {
  const entries = checked(() => readEntries(bytes, limits))
  const byName = new Map(entries.map((entry) => [normalizeName(entry.name), entry]))
  let inflatedTotal = 0
  return {
    names: entries.map((entry) => entry.name),
    has: (name) => byName.has(normalizeName(name)),
    async read(name) {
      const entry = byName.get(normalizeName(name))
      if (entry === undefined) throw broken(`missing entry ${name}`)
      if (entry.size > limits.maxUncompressedBytes) {
        throw limit(`${entry.name} declares ${entry.size} bytes (limit ${limits.maxUncompressedBytes})`)
      }
      const ratio = entry.size / Math.max(entry.compressedSize, 1)
      if (entry.size > ratioFloorBytes && ratio > limits.maxCompressionRatio) {
        throw limit(`${entry.name} compresses ${Math.round(ratio)}:1 (limit ${limits.maxCompressionRatio}:1)`)
      }
      const data = await inflateEntry(
        entry,
        checked(() => entryData(bytes, entry)),
      )
      if (data.length !== entry.size)
        throw broken(`${entry.name} is ${data.length} bytes, not the declared ${entry.size}`)
      if (crc32(data) !== entry.crc) throw broken(`${entry.name} fails its checksum`)
      inflatedTotal += data.length
      if (inflatedTotal > limits.maxUncompressedBytes) {
        throw limit(`archive inflates past ${limits.maxUncompressedBytes} bytes`)
      }
      return data
    },
  }
}
