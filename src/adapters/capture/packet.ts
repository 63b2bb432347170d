// What the pcap and pcapng readers hand to the packet decoder: one captured frame and its context.

/** One captured frame. `data` is a view into a read buffer: copy what must outlive the call. */
export interface CapturedPacket {
  /** Capture time in milliseconds since the epoch (fractional). */
  timeMs: number
  /** Link type of the interface (LINKTYPE_* numbers of the pcap spec). */
  linkType: number
  /** Interface index (pcapng), 0 for pcap. */
  iface: number
  data: Uint8Array
  /** Length on the wire; more than data.length when the capture's snap length cut the frame. */
  originalLength: number
  /** Ordinal of the packet in the file, from 1, for warnings. */
  ordinal: number
}

/** Where readers send what they decode from a capture file. */
export interface PacketSink {
  packet(p: CapturedPacket): void
  /** A name resolution record from the capture itself (pcapng NRB). */
  name(ip: string, host: string): void
  warn(where: string, message: string): void
}

/** A push parser over the bytes of one file. */
export interface ChunkParser {
  push(chunk: Uint8Array): void
  /** The file ended. */
  end(): void
}
