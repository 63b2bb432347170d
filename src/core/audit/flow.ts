/**
 * The flow model of `sluice audit`: every input format (HAR, pcap, pcapng, Squid access logs, Sluice
 * ledger exports) is turned into these records so the analysis never depends on where a flow came from.
 * Pure data: no I/O here; readers live in src/adapters/capture.
 */

/** One input file of an audit, as recorded in the manifest (the report's chain of custody). */
export interface CaptureSource {
  /** Path of the file as given on the command line. */
  file: string
  /** Format detected from the file's magic bytes (or content, for text formats); 'unknown': hashed, not read (a warning says why). */
  format: 'har' | 'pcap' | 'pcapng' | 'squid' | 'sluice-ledger' | 'unknown'
  /** SHA-256 of the whole file, hex, computed in the same pass that read it. */
  sha256: string
  /** Size of the file in bytes. */
  bytes: number
}

/** One exchange seen in a capture: an HTTP request/response, a TLS connection, or a log line. */
export interface AuditFlow {
  /** Stable identifier: `${sourceIndex}:${ordinal}`. */
  id: string
  /** Index of the input in the manifest. */
  source: number
  /** When the flow started, ISO 8601. */
  time?: string
  clientIp?: string
  serverIp?: string
  serverPort?: number
  /** Server name, from HTTP Host / URL, TLS SNI, or DNS answers in the same capture (never live DNS). */
  host?: string
  /** Where `host` came from. */
  hostEvidence?: 'http' | 'sni' | 'dns' | 'url' | 'log'
  scheme?: 'http' | 'https' | 'tls' | 'dns' | 'other'
  method?: string
  url?: string
  path?: string
  status?: number
  requestHeaders?: readonly [string, string][]
  /** Raw bytes as sent (after HTTP de-chunking; content-encoding NOT yet undone). */
  requestBody?: Uint8Array
  requestContentType?: string
  requestContentEncoding?: string
  responseBody?: Uint8Array
  responseContentType?: string
  /** TLS without decryption: only host/SNI/IP/bytes are known. */
  encrypted: boolean
  bytesSent?: number
  bytesReceived?: number
  /**
   * Set when the reader could not see the whole exchange (a TCP gap, a capture cut short, a body
   * larger than the reader keeps): what is here is real, but something may be missing.
   */
  partial?: boolean
  /** For flows read from a Sluice ledger export: what the gateway itself recorded about the flow. */
  ledger?: AuditLedgerFacts
}

/** What a Sluice ledger decision record says about a flow (no content: the ledger never holds any). */
export interface AuditLedgerFacts {
  seq?: number
  requestId: string
  direction: 'request' | 'response'
  service?: string
  recipients: readonly { name: string; country: string }[]
  countries: readonly string[]
  categories: readonly string[]
  action: string
  rule: string
}

/** Something a reader could not read or had to skip; the result is partial, never silently. */
export interface AuditWarning {
  source: number
  /** Where in the input: e.g. `packet 1234`, `line 17`, `entries[3]`, `tcp 10.0.0.1:5000→1.2.3.4:443`. */
  where: string
  message: string
}

/** Receives flows and warnings as a reader streams through an input. */
export type FlowSink = { flow(f: AuditFlow): void; warn(w: AuditWarning): void }
