import type { VectorFile } from '../conformance-case.ts'
import { libphonenumberKr } from './libphonenumber-kr.ts'
import { presidioCreditCard } from './presidio-credit-card.ts'
import { presidioEmail } from './presidio-email.ts'
import { presidioIban } from './presidio-iban.ts'
import { presidioIp } from './presidio-ip.ts'
import { presidioKrBankAccount } from './presidio-kr-bank-account.ts'
import { presidioKrBrn } from './presidio-kr-brn.ts'
import { presidioKrCrn } from './presidio-kr-crn.ts'
import { presidioKrDriverLicense } from './presidio-kr-driver-license.ts'
import { presidioKrFrn } from './presidio-kr-frn.ts'
import { presidioKrPassport } from './presidio-kr-passport.ts'
import { presidioKrRrn } from './presidio-kr-rrn.ts'
import { presidioMacAddress } from './presidio-mac-address.ts'
import { presidioPhone } from './presidio-phone.ts'
import { presidioUrl } from './presidio-url.ts'
import { stdnumKr } from './stdnum-kr.ts'

/** Every transcribed vector file, Korean identifiers first. */
export const vectorFiles: readonly VectorFile[] = [
  presidioKrRrn,
  presidioKrFrn,
  presidioKrBrn,
  presidioKrCrn,
  presidioKrPassport,
  presidioKrDriverLicense,
  presidioKrBankAccount,
  stdnumKr,
  presidioCreditCard,
  presidioIban,
  presidioEmail,
  presidioIp,
  presidioMacAddress,
  presidioUrl,
  presidioPhone,
  libphonenumberKr,
]
