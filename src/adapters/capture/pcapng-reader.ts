// pcapng: a sequence of blocks (type, length, body, length again). A Section Header Block fixes the
// byte order; Interface Description Blocks give each interface its link type and timestamp
// resolution; packets come in Enhanced (EPB), Simple (SPB) and obsolete Packet Blocks; Name
// Resolution Blocks carry IP → name pairs the capturing tool saw. Unknown block types are skipped,
// as the format intends.

import { ByteQueue } from './byte-queue.ts'
import { ipv4Text, ipv6Text } from './ip-text.ts'
import type { ChunkParser, PacketSink } from './packet.ts'

const shbType = 0x0a0d0d0a
const maxBlock = 64 << 20

interface Interface {
  linkType: number
  snapLen: number
  /** Timestamp units per second. */
  unitsPerSecond: number
  /** Seconds added to every timestamp (if_tsoffset). */
  offsetSeconds: number
}

/** A push parser for a pcapng file. */
export function createPcapngParser(sink: PacketSink): ChunkParser {
  const queue = new ByteQueue()
  let little = true
  let sawSection = false
  let interfaces: Interface[] = []
  let ordinal = 0
  let blockNo = 0
  let stopped = false
  const warnedIface = new Set<number>()
  // A simple packet block has no timestamp: the time of the packet before it is the best we know.
  let lastTime = 0

  const u32 = (dv: DataView, at: number): number => dv.getUint32(at, little)
  const u16 = (dv: DataView, at: number): number => dv.getUint16(at, little)

  const readInterface = (body: DataView): void => {
    const iface: Interface = {
      linkType: u16(body, 0),
      snapLen: u32(body, 4),
      unitsPerSecond: 1e6,
      offsetSeconds: 0,
    }
    // Options: code(2) length(2) value padded to 4.
    let at = 8
    while (at + 4 <= body.byteLength) {
      const code = u16(body, at)
      const len = u16(body, at + 2)
      if (code === 0 || at + 4 + len > body.byteLength) break
      if (code === 9 && len >= 1) {
        const r = body.getUint8(at + 4)
        iface.unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r
      } else if (code === 14 && len >= 8) {
        iface.offsetSeconds = Number(body.getBigInt64(at + 4, little))
      }
      at += 4 + ((len + 3) & ~3)
    }
    interfaces.push(iface)
  }

  const ifaceOf = (id: number, where: string): Interface | undefined => {
    const iface = interfaces[id]
    if (iface === undefined && !warnedIface.has(id)) {
      warnedIface.add(id)
      sink.warn(where, `packet on interface ${id}, which no Interface Description Block declared: skipped`)
    }
    return iface
  }

  const readNames = (body: Uint8Array, dv: DataView): void => {
    let at = 0
    while (at + 4 <= body.length) {
      const type = u16(dv, at)
      const len = u16(dv, at + 2)
      if (type === 0 || at + 4 + len > body.length) break
      const value = body.subarray(at + 4, at + 4 + len)
      const addrLen = type === 1 ? 4 : type === 2 ? 16 : 0
      if (addrLen > 0 && value.length > addrLen) {
        const ip = addrLen === 4 ? ipv4Text(value, 0) : ipv6Text(value, 0)
        for (const name of new TextDecoder().decode(value.subarray(addrLen)).split('\0')) {
          if (name !== '') sink.name(ip, name.toLowerCase())
        }
      }
      at += 4 + ((len + 3) & ~3)
    }
  }

  const emit = (
    iface: Interface,
    ifaceId: number,
    tsHigh: number,
    tsLow: number,
    data: Uint8Array,
    orig: number,
  ) => {
    ordinal++
    const units = tsHigh * 4294967296 + tsLow
    lastTime = (units / iface.unitsPerSecond + iface.offsetSeconds) * 1000
    sink.packet({
      timeMs: lastTime,
      linkType: iface.linkType,
      iface: ifaceId,
      data,
      originalLength: orig,
      ordinal,
    })
  }

  const readBlock = (type: number, body: Uint8Array): void => {
    const dv = new DataView(body.buffer, body.byteOffset, body.length)
    const where = `block ${blockNo}`
    if (type === 1) {
      if (body.length >= 8) readInterface(dv)
    } else if (type === 6) {
      if (body.length < 20) {
        sink.warn(where, 'enhanced packet block too short: skipped')
        return
      }
      const id = u32(dv, 0)
      const capLen = u32(dv, 12)
      const iface = ifaceOf(id, where)
      if (iface === undefined) return
      if (20 + capLen > body.length) {
        sink.warn(where, 'packet longer than its block: skipped')
        return
      }
      emit(iface, id, u32(dv, 4), u32(dv, 8), body.subarray(20, 20 + capLen), u32(dv, 16))
    } else if (type === 3) {
      const iface = ifaceOf(0, where)
      if (iface === undefined || body.length < 4) return
      const orig = u32(dv, 0)
      const capLen = Math.min(orig, body.length - 4, iface.snapLen === 0 ? orig : iface.snapLen)
      ordinal++
      sink.packet({
        timeMs: lastTime,
        linkType: iface.linkType,
        iface: 0,
        data: body.subarray(4, 4 + capLen),
        originalLength: orig,
        ordinal,
      })
    } else if (type === 2) {
      if (body.length < 20) return
      const id = u16(dv, 0)
      const capLen = u32(dv, 12)
      const iface = ifaceOf(id, where)
      if (iface === undefined || 20 + capLen > body.length) return
      emit(iface, id, u32(dv, 4), u32(dv, 8), body.subarray(20, 20 + capLen), u32(dv, 16))
    } else if (type === 4) {
      readNames(body, dv)
    }
  }

  const stop = (message: string): void => {
    sink.warn(
      `block ${blockNo + 1} (offset ${queue.consumed})`,
      `${message}; the rest of the file is not read`,
    )
    stopped = true
  }

  const drain = (): void => {
    while (!stopped && queue.length >= 12) {
      const head = queue.peek(12)
      const hv = new DataView(head.buffer, head.byteOffset, 12)
      const rawType = hv.getUint32(0, false)
      if (rawType === shbType) {
        const magic = hv.getUint32(8, false)
        if (magic === 0x1a2b3c4d) little = false
        else if (magic === 0x4d3c2b1a) little = true
        else {
          stop(`section header with an unknown byte-order magic ${magic.toString(16)}`)
          return
        }
        sawSection = true
        interfaces = []
        warnedIface.clear()
      } else if (!sawSection) {
        stop('the file does not start with a pcapng section header')
        return
      }
      const type = u32(hv, 0)
      const len = u32(hv, 4)
      if (len < 12 || len % 4 !== 0 || len > maxBlock) {
        stop(`block length ${len} is invalid`)
        return
      }
      if (queue.length < len) return
      const block = queue.take(len)
      blockNo++
      const bv = new DataView(block.buffer, block.byteOffset, len)
      if (u32(bv, len - 4) !== len) {
        stop('block lengths at start and end differ')
        return
      }
      if (type !== shbType) readBlock(type, block.subarray(8, len - 4))
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
      if (!sawSection) sink.warn('file header', 'the file ends before a pcapng section header')
      else if (queue.length > 0) {
        sink.warn(
          `block ${blockNo + 1} (offset ${queue.consumed})`,
          `the file is truncated: the last block is incomplete (${queue.length} bytes left over)`,
        )
      }
    },
  }
}
