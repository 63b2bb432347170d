// Test helper: write bytes to a temporary file and read them with the capture reader, collecting
// the flows and warnings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ReadCaptureOptions, readCapture } from '../../src/adapters/capture/read-capture.ts'
import type { AuditFlow, AuditWarning, CaptureSource } from '../../src/core/audit/flow.ts'

/** What reading one file gave. */
export interface ReadResult {
  source: CaptureSource
  flows: AuditFlow[]
  warnings: AuditWarning[]
}

/** Reads `content` (written to a temporary file named `name`) with {@link readCapture}. */
export async function readCaptureBytes(
  content: string | Uint8Array,
  name = 'capture.bin',
  options: ReadCaptureOptions = {},
): Promise<ReadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-capture-'))
  try {
    const file = join(dir, name)
    writeFileSync(file, content)
    const flows: AuditFlow[] = []
    const warnings: AuditWarning[] = []
    const source = await readCapture(
      file,
      { flow: (f) => flows.push(f), warn: (w) => warnings.push(w) },
      options,
    )
    return { source, flows, warnings }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of a flow's body. */
export const text = (b: Uint8Array | undefined): string =>
  b === undefined ? '' : new TextDecoder().decode(b)
