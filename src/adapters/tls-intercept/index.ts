// TLS interception for the forward proxy: the organisation CA, per-host leaves, the tunnel interceptor
// and verified upstream forwarding.
export {
  type CertificateAuthority,
  caFiles,
  type LoadOrCreateCaOptions,
  loadOrCreateCa,
} from './certificate-authority.ts'
export {
  createInterceptor,
  type InterceptContext,
  type Interceptor,
  type InterceptorOptions,
  type InterceptPhase,
  type InterceptTarget,
} from './create-interceptor.ts'
export { closeUpstreamConnections, type ForwardHttpsOptions, forwardHttps } from './forward-https.ts'
export { type ForwardUpgradeOptions, forwardUpgrade } from './forward-upgrade.ts'
export type { LeafCertificate } from './leaf-minter.ts'
