import type { Detector } from '../../detection/detector.ts'
import { classifiedMarkingDetector } from './classified-marking-detector.ts'
import { krAddressDetector } from './kr-address-detector.ts'
import { personDetector } from './person-detector.ts'

/** The detectors of this group, in the order they run. */
export const languageDetectors: readonly Detector[] = [
  personDetector,
  krAddressDetector,
  classifiedMarkingDetector,
]
