// Classic libpcap files: a 24-byte header (magic giving byte order and µs or ns timestamps, link
// type) then records of a 16-byte header and the frame. Corruption cannot be resynchronised in this
// format (records carry no marker), so a bad record length stops the reading with a warning.
import { ByteQueue } from './byte-queue.ts'
import type { ChunkParser, PacketSink } from './packet.ts'

/** Largest plausible record: a 256 KiB frame (tcpdump's maximum snap length) with room to spare. */
const maxRecord = 1 << 20

/** A push parser for a pcap file. */
export function createPcapParser(sink: PacketSink): ChunkParser {
  const queue = new ByteQueue()
  let little = true
  let nanos = false
  let linkType = -1
  let ordinal = 0
  let stopped = false

  const drain = (): void => {
    if (stopped) return
    if (linkType < 0) {
      if (queue.length < 24) return
      const h = queue.take(24)
      const dv = new DataView(h.buffer, h.byteOffset, 24)
      const magic = dv.getUint32(0, false)
      if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) little = false
      else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) little = true
      else {
        sink.warn('file header', `not a pcap file (magic ${magic.toString(16)})`)
        stopped = true
        return
      }
      nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1
      linkType = dv.getUint32(20, little) & 0xffff
    }
    while (queue.length >= 16) {
      const h = queue.peek(16)
      const dv = new DataView(h.buffer, h.byteOffset, 16)
      const sec = dv.getUint32(0, little)
      const frac = dv.getUint32(4, little)
      const capLen = dv.getUint32(8, little)
      const origLen = dv.getUint32(12, little)
      if (capLen > maxRecord) {
        sink.warn(
          `packet ${ordinal + 1} (offset ${queue.consumed})`,
          `record length ${capLen} is implausible: the file is corrupt from here on; the rest is not read`,
        )
        stopped = true
        return
      }
      if (queue.length < 16 + capLen) return
      const rec = queue.take(16 + capLen)
      ordinal++
      sink.packet({
        timeMs: sec * 1000 + (nanos ? frac / 1e6 : frac / 1e3),
        linkType,
        iface: 0,
        data: rec.subarray(16),
        originalLength: origLen,
        ordinal,
      })
    }
  }

  return {
    push(chunk) {
      if (stopped) return
      queue.push(chunk)
      drain()
    },
    end() {
      if (stopped) return
      if (linkType < 0) {
        sink.warn('file header', `the file ends inside the pcap header (${queue.length} bytes)`)
      } else if (queue.length > 0) {
        sink.warn(
          `packet ${ordinal + 1} (offset ${queue.consumed})`,
          `the file is truncated: the last record is incomplete (${queue.length} bytes left over)`,
        )
      }
    },
  }
}
