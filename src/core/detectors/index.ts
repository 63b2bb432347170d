import type { Detector } from '../detection/detector.ts'
import { contactDetectors } from './contact/index.ts'
import { financialDeviceDetectors } from './financial-device/index.ts'
import { koreanIdDetectors } from './korean-ids/index.ts'
import { languageDetectors } from './language/index.ts'
import { createOrganisationDetectors, type OrganisationOptions } from './organisation/index.ts'

/** The full rule set: built-in detectors plus the organisation's own. */
export function createDefaultDetectors(options: OrganisationOptions = {}): Detector[] {
  return [
    ...koreanIdDetectors,
    ...financialDeviceDetectors,
    ...contactDetectors,
    ...languageDetectors,
    ...createOrganisationDetectors(options),
  ]
}
