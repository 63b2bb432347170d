// @peculiar/x509 needs a WebCrypto implementation; Node's own (globalThis.crypto) is used so no
// third-party crypto runs on the signing path. Importing this module once is enough for every caller.
import './reflect-metadata-shim.ts'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(globalThis.crypto)

export { x509 }
