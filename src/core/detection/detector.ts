import type { EntityType } from './entity-type.ts'
import type { Finding } from './finding.ts'
import type { ScanInput } from './scan-input.ts'

/**
 * A detector reads the normalised text of a {@link ScanInput} and returns findings whose offsets are
 * in NORMALISED coordinates; the engine maps them back to the original text. Detectors are pure.
 */
export interface Detector {
  readonly id: string
  readonly types: readonly EntityType[]
  detect(input: ScanInput): readonly Finding[]
}
