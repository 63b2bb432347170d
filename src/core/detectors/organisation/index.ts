import type { Detector } from '../../detection/detector.ts'

/** Organisation-defined detection: dictionaries of terms and exact-data fingerprints. */
export interface OrganisationOptions {
  readonly dictionaries?: readonly unknown[]
  readonly fingerprints?: readonly unknown[]
}

/** Builds the organisation's own detectors from its configuration. */
export function createOrganisationDetectors(_options: OrganisationOptions): Detector[] {
  return []
}
