import type { Detector } from '../../detection/detector.ts'
import { emailAddressDetector } from './email-address-detector.ts'
import { ipAddressDetector } from './ip-address-detector.ts'
import { macAddressDetector } from './mac-address-detector.ts'
import { phoneNumberDetector } from './phone-number-detector.ts'
import { urlDetector } from './url-detector.ts'

/** The detectors of this group, in the order they run. */
export const contactDetectors: readonly Detector[] = [
  phoneNumberDetector,
  emailAddressDetector,
  urlDetector,
  ipAddressDetector,
  macAddressDetector,
]
