import type { AuditFlow, AuditWarning, CaptureSource } from '../../core/audit/flow.ts'

/** Receives flows and warnings while a capture is read. */
export interface CaptureSink {
  flow(f: AuditFlow): void
  warn(w: AuditWarning): void
}

/** Reads one capture file (HAR, pcap, pcapng, Squid log, ledger export), streaming, into the flow model. */
export interface CaptureReader {
  /**
   * Streams `file` into `sink`, hashing it on the way; `sourceIndex` numbers the flows (`${index}:${n}`).
   * Resolves with the manifest row once the whole file was read.
   */
  readCapture(
    file: string,
    sink: CaptureSink,
    options: { readonly sourceIndex: number; readonly onProgress?: (bytesRead: number) => void },
  ): Promise<CaptureSource>
}

/** What the offline IP data says about one address. */
export interface IpFacts {
  readonly ip: string
  /** The special-purpose range (RFC 6890) the address lies in; such addresses have no country or ASN. */
  readonly reserved?: string
  /** Where the address is registered/geolocated (ISO 3166-1 alpha-2), per the country data set. */
  readonly country?: string
  readonly asn?: number
  readonly asOrg?: string
}

/** One bundled data set, for the report's attribution and reproducibility. */
export interface IpDataset {
  readonly name: string
  readonly provides: string
  readonly licence: string
  readonly version: string
  /** Build date of the snapshot, YYYY-MM-DD. */
  readonly date: string
  readonly attribution: string
}

/** IP → country and IP → ASN/organisation, offline. */
export interface IpLookup {
  lookup(ip: string): IpFacts
  readonly datasets: readonly IpDataset[]
}
