// The capture reader of `sluice audit`: one pass over each input file that hashes it (SHA-256, for
// the manifest), detects its format from its first bytes and streams it through the matching
// reader into the flow sink. Nothing loads a whole file; malformed input yields the flows read so
// far and warnings, never an exception (only an unreadable file — missing, a directory without
// records.jsonl — rejects, with a SluiceError).
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { SluiceError } from '../../app/errors.ts'
import type { AuditFlow, CaptureSource, FlowSink } from '../../core/audit/flow.ts'
import { createHarParser } from './har-reader.ts'
import { createLedgerParser, looksLikeLedgerLine } from './ledger-export-reader.ts'
import type { ChunkParser } from './packet.ts'
import { type PacketFlowLimits, PacketFlows } from './packet-flows.ts'
import { createPcapParser } from './pcap-reader.ts'
import { createPcapngParser } from './pcapng-reader.ts'
import { createSquidLogParser, looksLikeAccessLog } from './squid-log-reader.ts'

/** Options of one read. */
export interface ReadCaptureOptions extends PacketFlowLimits {
  /** Index of this input in the manifest (flow ids and warnings carry it); default 0. */
  source?: number
  /** Called after each chunk with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void
  /** Read size (default 1 MiB). */
  chunkBytes?: number
}

/** The compression a file's magic bytes show, if any (captures are often shipped compressed). */
function compressedAs(head: Uint8Array): string | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip'
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd'
  if (head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58) return 'xz'
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return 'bzip2'
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) return 'zip'
  return undefined
}

/** The format of a file from its first bytes (at least 4 KiB of them, or the whole file if shorter). */
export function detectFormat(head: Uint8Array): CaptureSource['format'] {
  if (head.length >= 4) {
    const magic =
      (((head[0] as number) << 24) |
        ((head[1] as number) << 16) |
        ((head[2] as number) << 8) |
        (head[3] as number)) >>>
      0
    if (magic === 0xa1b2c3d4 || magic === 0xd4c3b2a1 || magic === 0xa1b23c4d || magic === 0x4d3cb2a1)
      return 'pcap'
    if (magic === 0x0a0d0d0a) return 'pcapng'
  }
  let text = new TextDecoder('utf-8', { fatal: false }).decode(head)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{')) {
    const nl = trimmed.indexOf('\n')
    const firstLine = nl < 0 ? trimmed : trimmed.slice(0, nl)
    if (looksLikeLedgerLine(firstLine)) return 'sluice-ledger'
    return 'har'
  }
  // Text logs: the first line that is not blank or a comment decides.
  for (const line of text.split('\n').slice(0, 20)) {
    const l = line.replace(/\r$/, '')
    if (l.trim() === '' || l.startsWith('#')) continue
    return looksLikeAccessLog(l) ? 'squid' : 'unknown'
  }
  return 'unknown'
}

/**
 * Reads one capture (HAR, pcap, pcapng, Squid access log, Sluice ledger export — or a bundle
 * directory holding records.jsonl) into `sink`, and returns its manifest entry.
 */
export async function readCapture(
  file: string,
  sink: FlowSink,
  options: ReadCaptureOptions = {},
): Promise<CaptureSource> {
  const source = options.source ?? 0
  let path = file
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
    if (info.isDirectory()) {
      path = join(file, 'records.jsonl')
      info = await stat(path)
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new SluiceError(
      'NOT_FOUND',
      path === file
        ? `capture '${file}' cannot be read (${code ?? String(e)})`
        : `'${file}' is a directory without records.jsonl (a ledger export bundle has one)`,
    )
  }
  const total = Number(info.size)
  const hash = createHash('sha256')
  let bytes = 0
  let ordinal = 0
  const emit = (f: Omit<AuditFlow, 'id' | 'source'>): void => {
    sink.flow({ id: `${source}:${ordinal}`, source, ...f })
    ordinal++
  }
  const warn = (where: string, message: string): void => sink.warn({ source, where, message })

  let format: CaptureSource['format'] | undefined
  let parser: ChunkParser | undefined
  let head: Uint8Array[] = []
  let headBytes = 0
  let packets: PacketFlows | undefined
  const start = (): void => {
    const first = head.length === 1 ? (head[0] as Uint8Array) : Buffer.concat(head)
    format = detectFormat(first.subarray(0, 64 * 1024))
    switch (format) {
      case 'pcap':
      case 'pcapng':
        packets = new PacketFlows(source, emit, (w) => sink.warn(w), options)
        parser = format === 'pcap' ? createPcapParser(packets) : createPcapngParser(packets)
        break
      case 'har':
        parser = createHarParser({ flow: emit, warn })
        break
      case 'squid':
        parser = createSquidLogParser({ flow: emit, warn })
        break
      case 'sluice-ledger':
        parser = createLedgerParser({ flow: emit, warn })
        break
      default:
        warn(
          'file',
          first.length === 0
            ? 'the file is empty'
            : compressedAs(first) !== undefined
              ? `the file is ${compressedAs(first)}-compressed: decompress it first; hashed into the manifest, not read`
              : 'format not recognised (expected HAR, pcap, pcapng, a Squid/common/combined access log or a Sluice ledger export): hashed into the manifest, not read',
        )
    }
    for (const c of head) parser?.push(c)
    head = []
  }

  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 20 })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
      if (format === undefined) {
        head.push(chunk)
        headBytes += chunk.length
        if (headBytes >= 4096) start()
      } else parser?.push(chunk)
      options.onProgress?.(bytes, total)
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new SluiceError('NOT_FOUND', `capture '${path}' cannot be read (${code ?? String(e)})`)
  }
  if (format === undefined) start()
  try {
    parser?.end()
    packets?.end()
  } catch (e) {
    // A reader bug must not cost the manifest entry: reported, and the flows so far stand.
    warn('file', `reading stopped on an internal error: ${e instanceof Error ? e.message : String(e)}`)
  }
  return { file: path, format: format ?? 'unknown', sha256: hash.digest('hex'), bytes }
}

/** The reader as an object, for the audit use case's CaptureReader port. */
export const captureReader = {
  readCapture: (file: string, sink: FlowSink, options?: ReadCaptureOptions): Promise<CaptureSource> =>
    readCapture(file, sink, options),
}
