// One direction of a TCP connection put back in order: segments are delivered by sequence number,
// retransmitted bytes are dropped, segments that arrive early wait in a bounded buffer. When the
// buffer is full, or the stream ends with a hole, the hole is declared a gap: the bytes after it are
// delivered and the consumer is told how many are missing.

interface Waiting {
  seq: number
  data: Uint8Array
  timeMs: number
}

/** Packets of the connection to wait after an acknowledgement covers a hole before declaring it a gap. */
const ackPatience = 8

/** Bytes buffered out of order across all connections of a capture, and the most allowed. */
export interface ReorderBudget {
  used: number
  readonly limit: number
}

/** Receives the bytes of one direction in order. */
export interface StreamConsumer {
  data(bytes: Uint8Array, timeMs: number): void
  gap(missing: number): void
}

/** Reassembles one direction of a TCP connection. */
export class TcpDirection {
  /** Next expected sequence number (uint32), unknown until the SYN or the first segment. */
  private next: number | undefined
  private waiting: Waiting[] = []
  private waitingBytes = 0
  private readonly limit: number
  private readonly budget: ReorderBudget
  private readonly consumer: StreamConsumer
  /** Payload bytes delivered in order. */
  delivered = 0
  /** Payload bytes seen again (retransmissions, overlaps). */
  retransmitted = 0
  /** Bytes declared missing. */
  missing = 0
  /** First payload time. */
  firstTimeMs: number | undefined
  fin = false
  private finSeq: number | undefined
  private coveredAck: number | undefined
  private ackCountdown = 0

  /** `limit`: out-of-order bytes this direction may buffer; `budget`: shared by all directions of a capture. */
  constructor(
    consumer: StreamConsumer,
    limit: number,
    budget: ReorderBudget = { used: 0, limit: Number.POSITIVE_INFINITY },
  ) {
    this.consumer = consumer
    this.limit = limit
    this.budget = budget
  }

  /** The SYN of this direction: the stream starts after it. */
  syn(seq: number): void {
    if (this.next === undefined) this.next = (seq + 1) >>> 0
  }

  /** A segment's payload (may be empty). `data` is only read during the call. */
  segment(seq: number, data: Uint8Array, timeMs: number): void {
    if (data.length === 0) return
    if (this.next === undefined) this.next = seq
    this.firstTimeMs ??= timeMs
    const d = (seq - this.next) | 0
    if (d <= 0) {
      if (d + data.length <= 0) {
        this.retransmitted += data.length
        return
      }
      this.retransmitted += -d
      this.deliver(data.subarray(-d), timeMs)
      this.drain()
      return
    }
    // Early: keep a copy until the bytes before it arrive.
    if (this.waiting.some((w) => w.seq === seq && w.data.length >= data.length)) {
      this.retransmitted += data.length
      return
    }
    const next = this.next
    const entry: Waiting = { seq, data: data.slice(), timeMs }
    let i = this.waiting.length
    while (i > 0 && (((this.waiting[i - 1] as Waiting).seq - next) | 0) > d) i--
    this.waiting.splice(i, 0, entry)
    this.waitingBytes += data.length
    this.budget.used += data.length
    // Bounded: each turn declares one gap and delivers at least one waiting segment.
    while (
      this.waitingBytes > this.limit ||
      (this.budget.used > this.budget.limit && this.waiting.length > 0)
    ) {
      this.skipToFirstWaiting()
    }
  }

  /**
   * The other side acknowledged up to `ack`: it received every byte before it, so a hole that the
   * acknowledgement covers is a loss of the capture, not of the network, and will never be filled.
   * The gap is declared a few packets later ({@link tick}), because captures on several CPUs (`-i
   * any`) sometimes record an acknowledgement before the segment it acknowledges.
   */
  acked(ack: number): void {
    const first = this.waiting[0]
    if (first === undefined || ((ack - first.seq) | 0) < 0) return
    this.coveredAck = ack
    if (this.ackCountdown === 0) this.ackCountdown = ackPatience
  }

  /** One more packet of the connection went by. */
  tick(): void {
    if (this.coveredAck === undefined || --this.ackCountdown > 0) return
    const ack = this.coveredAck
    this.coveredAck = undefined
    this.ackCountdown = 0
    for (;;) {
      const first = this.waiting[0]
      // Only holes the acknowledgement covers entirely: bytes after `ack` may still be in flight.
      if (first === undefined || ((ack - first.seq) | 0) < 0) return
      this.skipToFirstWaiting()
    }
  }

  /** This direction's FIN was seen at `seq`: every byte before it was sent. */
  finished(seq: number): void {
    this.fin = true
    this.finSeq = seq
  }

  /**
   * The stream ends: whatever waits behind a hole is delivered after a gap, and bytes the FIN's
   * sequence number says were sent but the capture never showed are a gap too.
   */
  end(): void {
    while (this.waiting.length > 0) this.skipToFirstWaiting()
    if (this.finSeq !== undefined && this.next !== undefined) {
      const missing = (this.finSeq - this.next) | 0
      if (missing > 0) {
        this.missing += missing
        this.next = this.finSeq
        this.consumer.gap(missing)
      }
    }
  }

  private skipToFirstWaiting(): void {
    const first = this.waiting[0]
    if (first === undefined || this.next === undefined) return
    const missing = (first.seq - this.next) | 0
    if (missing > 0) {
      this.missing += missing
      this.consumer.gap(missing)
      this.next = first.seq
    }
    this.drain()
  }

  private deliver(bytes: Uint8Array, timeMs: number): void {
    this.next = ((this.next as number) + bytes.length) >>> 0
    this.delivered += bytes.length
    this.consumer.data(bytes, timeMs)
  }

  private drain(): void {
    // Bounded: each turn removes one waiting segment.
    while (this.waiting.length > 0) {
      const w = this.waiting[0] as Waiting
      const d = (w.seq - (this.next as number)) | 0
      if (d > 0) return
      this.waiting.shift()
      this.waitingBytes -= w.data.length
      this.budget.used -= w.data.length
      if (d + w.data.length <= 0) {
        this.retransmitted += w.data.length
        continue
      }
      this.retransmitted += -d
      this.deliver(w.data.subarray(-d), w.timeMs)
    }
  }
}
