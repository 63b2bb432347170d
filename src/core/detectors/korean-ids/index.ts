import type { Detector } from '../../detection/detector.ts'
import { bankAccountDetector } from './bank-account-detector.ts'
import { brnDetector } from './brn-detector.ts'
import { driverLicenseDetector } from './driver-license-detector.ts'
import { nhiDetector } from './nhi-detector.ts'
import { passportDetector } from './passport-detector.ts'
import { registrationNumberDetector } from './registration-number-detector.ts'

/** The detectors of this group, in the order they run. */
export const koreanIdDetectors: readonly Detector[] = [
  registrationNumberDetector,
  brnDetector,
  driverLicenseDetector,
  passportDetector,
  nhiDetector,
  bankAccountDetector,
]
