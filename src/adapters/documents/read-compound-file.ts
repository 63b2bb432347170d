import { DocumentError } from './document-error.ts'
import type { ExtractLimits } from './extract-limits.ts'

/** The streams of an OLE compound file, keyed by slash-separated path such as `BodyText/Section0`. */
export type CompoundFile = ReadonlyMap<string, () => Uint8Array>

const endOfChain = 0xfffffffe
const freeSector = 0xffffffff
const noStream = 0xffffffff

function broken(message: string): DocumentError {
  return new DocumentError('BROKEN_DOCUMENT', `Damaged compound file: ${message}`)
}

interface DirectoryEntry {
  readonly name: string
  readonly type: number
  readonly left: number
  readonly right: number
  readonly child: number
  readonly start: number
  readonly size: number
}

/**
 * Reads the directory of an OLE compound file (MS-CFB) so streams can be pulled out lazily.
 * Every chain walk is bounded by the number of sectors, so a looping FAT is reported, not followed forever.
 */
export function readCompoundFile(bytes: Uint8Array, limits: ExtractLimits): CompoundFile {
  try {
    return readUnchecked(bytes, limits)
  } catch (error) {
    if (error instanceof RangeError) throw broken('a structure runs past the end of the file')
    throw error
  }
}

function readUnchecked(bytes: Uint8Array, limits: ExtractLimits): CompoundFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const sectorShift = view.getUint16(0x1e, true)
  const miniShift = view.getUint16(0x20, true)
  if ((sectorShift !== 9 && sectorShift !== 12) || miniShift !== 6) throw broken('unexpected sector sizes')
  const sectorSize = 1 << sectorShift
  const sectorCount = Math.floor(bytes.length / sectorSize) - 1
  const miniCutoff = view.getUint32(0x38, true)
  const sectorOffset = (sector: number): number => {
    if (sector >= sectorCount) throw broken(`sector ${sector} is outside the file`)
    return (sector + 1) * sectorSize
  }
  const chain = (start: number, next: (sector: number) => number, limit: number): number[] => {
    const sectors: number[] = []
    for (let sector = start; sector !== endOfChain; sector = next(sector)) {
      if (sector === freeSector || sectors.length >= limit) throw broken('a sector chain is broken or loops')
      sectors.push(sector)
    }
    return sectors
  }

  const fatSectors: number[] = []
  for (let index = 0; index < 109; index++) {
    const sector = view.getUint32(0x4c + index * 4, true)
    if (sector !== freeSector) fatSectors.push(sector)
  }
  const perSector = sectorSize / 4
  let difat = view.getUint32(0x44, true)
  for (let hops = 0; difat !== endOfChain && difat !== freeSector; hops++) {
    if (hops > sectorCount) throw broken('the DIFAT loops')
    const offset = sectorOffset(difat)
    for (let index = 0; index < perSector - 1; index++) {
      const sector = view.getUint32(offset + index * 4, true)
      if (sector !== freeSector) fatSectors.push(sector)
    }
    difat = view.getUint32(offset + (perSector - 1) * 4, true)
  }
  const fat = (sector: number): number => {
    const entry = Math.floor(sector / perSector)
    const fatSector = fatSectors[entry]
    if (fatSector === undefined) throw broken(`sector ${sector} has no FAT entry`)
    return view.getUint32(sectorOffset(fatSector) + (sector % perSector) * 4, true)
  }
  const readChain = (start: number, size: number): Uint8Array => {
    const out = new Uint8Array(size)
    const sectors = chain(start, fat, sectorCount)
    if (sectors.length * sectorSize < size) throw broken('a stream is shorter than its declared size')
    for (const [index, sector] of sectors.entries()) {
      const offset = sectorOffset(sector)
      const length = Math.min(sectorSize, size - index * sectorSize)
      if (length <= 0) break
      out.set(bytes.subarray(offset, offset + length), index * sectorSize)
    }
    return out
  }

  const directorySectors = chain(view.getUint32(0x30, true), fat, sectorCount)
  const entryCount = (directorySectors.length * sectorSize) / 128
  if (entryCount > limits.maxEntries * 4)
    throw new DocumentError('LIMIT_EXCEEDED', 'Compound file has too many entries')
  const entries: DirectoryEntry[] = []
  for (const sector of directorySectors) {
    for (let offset = sectorOffset(sector); offset < sectorOffset(sector) + sectorSize; offset += 128) {
      const nameBytes = Math.min(view.getUint16(offset + 0x40, true), 64)
      entries.push({
        name: Buffer.from(bytes.subarray(offset, offset + Math.max(nameBytes - 2, 0))).toString('utf16le'),
        type: view.getUint8(offset + 0x42),
        left: view.getUint32(offset + 0x44, true),
        right: view.getUint32(offset + 0x48, true),
        child: view.getUint32(offset + 0x4c, true),
        start: view.getUint32(offset + 0x74, true),
        // Version 3 files may leave garbage in the high half of the size.
        size:
          sectorShift === 9
            ? view.getUint32(offset + 0x78, true)
            : Number(view.getBigUint64(offset + 0x78, true)),
      })
    }
  }
  const root = entries[0]
  if (root?.type !== 5) throw broken('missing root entry')

  let miniStream: Uint8Array | undefined
  const miniFatSectors = chain(view.getUint32(0x3c, true), fat, sectorCount)
  const miniFat = (sector: number): number => {
    const fatSector = miniFatSectors[Math.floor(sector / perSector)]
    if (fatSector === undefined) throw broken(`mini sector ${sector} has no mini FAT entry`)
    return view.getUint32(sectorOffset(fatSector) + (sector % perSector) * 4, true)
  }
  const readMini = (start: number, size: number): Uint8Array => {
    miniStream ??= readChain(root.start, root.size)
    const out = new Uint8Array(size)
    const sectors = chain(start, miniFat, miniFatSectors.length * perSector)
    for (const [index, sector] of sectors.entries()) {
      const length = Math.min(64, size - index * 64)
      if (length <= 0) break
      if ((sector + 1) * 64 > miniStream.length) throw broken('a mini sector is outside the mini stream')
      out.set(miniStream.subarray(sector * 64, sector * 64 + length), index * 64)
    }
    if (sectors.length * 64 < size) throw broken('a stream is shorter than its declared size')
    return out
  }

  const streams = new Map<string, () => Uint8Array>()
  const visited = new Set<number>()
  const walk = (index: number, prefix: string): void => {
    if (index === noStream) return
    const entry = entries[index]
    if (entry === undefined || visited.has(index)) throw broken('the directory tree is malformed')
    visited.add(index)
    walk(entry.left, prefix)
    walk(entry.right, prefix)
    const path = prefix + entry.name
    if (entry.type === 1) walk(entry.child, `${path}/`)
    if (entry.type !== 2) return
    if (entry.size > bytes.length) throw broken(`stream ${path} is larger than the file`)
    streams.set(path, () =>
      entry.size < miniCutoff ? readMini(entry.start, entry.size) : readChain(entry.start, entry.size),
    )
  }
  walk(root.child, '')
  return streams
}
