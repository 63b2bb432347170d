// Assembles one serving process: scanner, catalog, policies, ledger, upstream client, metrics and the
// HTTP faces on one port. Reload swaps the configuration snapshot; requests in flight keep theirs.

import { existsSync } from 'node:fs'
import { loadBuiltinCatalog } from '../adapters/catalog/load-builtin-catalog.ts'
import { createDocumentExtractor } from '../adapters/documents/document-extractor.ts'
import { createScanApi } from '../adapters/http-api/scan-api.ts'
import { createSluiceHandler } from '../adapters/http-api/sluice-handler.ts'
import { startHttpServer } from '../adapters/http-api/start-http-server.ts'
import { openLedgerSigningKey } from '../adapters/ledger-signing/open-ledger-signing-key.ts'
import { createGatewayMetrics, type GatewayMetrics } from '../adapters/metrics/gateway-metrics.ts'
import { createProxyHandler, isProxyUpgrade } from '../adapters/proxy-http/create-proxy-handler.ts'
import { createInterceptHandle, createInterceptUpgrade } from '../adapters/proxy-http/intercept-handle.ts'
import { openHashKey } from '../adapters/system/open-hash-key.ts'
import {
  type CertificateAuthority,
  caFiles,
  closeUpstreamConnections,
  createInterceptor,
  forwardHttps,
  forwardUpgrade,
  loadOrCreateCa,
} from '../adapters/tls-intercept/index.ts'
import { createUndiciUpstream } from '../adapters/upstream-http/undici-upstream.ts'
import type { GatewayTelemetry } from '../app/gateway/gateway-ports.ts'
import type { GatewaySetup } from '../app/gateway/gateway-setup.ts'
import type { GatewayDeps } from '../app/gateway/handle-ai-request.ts'
import { createLedgerAppender } from '../app/ledger-appender.ts'
import type { WebDeps } from '../app/proxy/decide-web-request.ts'
import { startVaultPurge } from '../app/vault/vault-purge.ts'
import { proxySettingsFrom } from '../config/proxy-settings.ts'
import type { SluiceConfig } from '../config/sluice-config-schema.ts'
import { type Catalog, createCatalog } from '../core/catalog/catalog.ts'
import { mergeCatalog } from '../core/catalog/merge-catalog.ts'
import type { LedgerEntry } from '../core/ledger/ledger-record.ts'
import { openGatewayDirectives } from './directive-state.ts'
import { buildGatewaySetup } from './gateway-setup.ts'
import { openConfiguredLedger } from './ledger-wiring.ts'
import { openScanner } from './open-scanner.ts'
import { openTransfers } from './transfers-wiring.ts'
import { version } from './version.ts'

/** One serving process. */
export interface GatewayProcess {
  readonly url: string
  readonly metrics: GatewayMetrics
  /** Swaps in a new configuration (listen address and data directory need a restart); rejects if it does not build. */
  reload(config: SluiceConfig): Promise<void>
  close(): Promise<void>
}

/** What the process needs besides the configuration. */
export interface GatewayProcessOptions {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly dictionaryFiles: readonly string[]
  readonly fingerprintFiles: readonly string[]
  readonly log: (line: string) => void
}

/** Creates the files every process shares (hash key, ledger schema) before workers start. */
export async function prepareSharedFiles(
  config: SluiceConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  await openHashKey(config.server.dataDir, env.SLUICE_HASH_KEY)
  await openLedgerSigningKey(config.server.dataDir)
  const ledger = await openConfiguredLedger(config)
  await ledger.close()
}

/** The built-in catalog with the configuration's additions, patches and removals. */
export async function catalogFor(config: SluiceConfig): Promise<Catalog> {
  const builtin = await loadBuiltinCatalog()
  return createCatalog(config.catalog === undefined ? builtin : mergeCatalog(builtin, config.catalog))
}

/** Starts one process's gateway and scan API on the configured address. */
export async function startGatewayProcess(
  options: GatewayProcessOptions,
  config: SluiceConfig,
  renderMetrics: (metrics: GatewayMetrics) => Promise<string>,
): Promise<GatewayProcess> {
  const dataDir = config.server.dataDir
  const scanner = await openScanner({
    dictionaryFiles: options.dictionaryFiles,
    fingerprintFiles: options.fingerprintFiles,
    fingerprintKey: options.env.SLUICE_FINGERPRINT_KEY,
    minScore: config.inspection.minScore,
  })
  const hashKey = await openHashKey(dataDir, options.env.SLUICE_HASH_KEY)
  const store = await openConfiguredLedger(config)
  // setImmediate gathers every decision of one event-loop turn into one transaction.
  const appender = createLedgerAppender(store, { schedule: setImmediate })
  const upstream = createUndiciUpstream()
  const metrics = createGatewayMetrics()
  let setup: GatewaySetup = buildGatewaySetup(config, await catalogFor(config), options.env)
  const recordEntry = async (entry: LedgerEntry): Promise<void> => {
    await appender.append(entry)
    metrics.ledgerRecords.inc()
  }
  // Consent links point at the configured public URL, else at the address this process listens on.
  let listening = ''
  const transfers = await openTransfers({
    config,
    setup: () => setup,
    hashKey,
    publicUrl: () => config.transfers.consent.publicUrl?.replace(/\/+$/, '') ?? listening,
    recordConsent: recordEntry,
    log: options.log,
  })
  const directives = await openGatewayDirectives(dataDir, {
    ...(config.storage.kind === 'postgres' && config.storage.url !== undefined
      ? { postgresUrl: config.storage.url }
      : {}),
    vaultEnabled: config.vault.enabled,
    retentionDays: config.vault.retentionDays,
    onError: (e) =>
      options.log(`directives: refresh failed (${describeError(e)}); last directives stay in force`),
  })
  const purge =
    directives.vault === undefined
      ? undefined
      : startVaultPurge(directives.vault, {
          now: () => new Date(),
          onError: (e) => options.log(`vault purge: ${describeError(e)}`),
        })
  const deps: GatewayDeps = {
    setup: () => setup,
    engine: scanner.engine,
    documents: createDocumentExtractor(),
    upstream,
    recorder: { record: recordEntry },
    transfers: transfers.deps,
    directives: directives.cache,
    ...(directives.vault === undefined ? {} : { vault: directives.vault }),
    telemetry: telemetryOf(metrics),
    hashKey,
    clock: { now: () => new Date(), monotonicMs: () => performance.now() },
  }
  const scanApi = createScanApi({
    engine: scanner.engine,
    scanDocument: (doc, scanOptions) => scanner.scanDocument(doc, scanOptions),
    hashKey,
    limits: { jsonBodyBytes: 8 * 1024 * 1024, documentBodyBytes: 50 * 1024 * 1024 },
    version,
    onError: (error, requestId) => options.log(`request ${requestId} failed: ${describeError(error)}`),
  })
  // The forward proxy on the same port (and optionally its own): browsers, PAC, TLS interception.
  let proxySettings = proxySettingsFrom(config)
  const web: WebDeps = { ...deps, proxy: () => proxySettings }
  const ca = await existingCa(dataDir)
  const interceptDeps = { web, forwardHttps, forwardUpgrade, log: options.log }
  const interceptor =
    ca === undefined
      ? undefined
      : createInterceptor({
          ca,
          handle: createInterceptHandle(interceptDeps),
          onUpgrade: createInterceptUpgrade(interceptDeps),
          onError: (error, phase, target) =>
            options.log(`intercept ${phase} ${target.host}: ${error.message}`),
        })
  const proxy = createProxyHandler({
    web,
    log: options.log,
    ...(interceptor === undefined ? {} : { interceptor }),
  })
  const rawHandlers = { onConnect: proxy.onConnect, onUpgrade: proxy.onUpgrade, isUpgrade: isProxyUpgrade }
  const handler = createSluiceHandler({
    proxy: proxy.onRequest,
    // Consent pages and the consent API first; everything else that is not gateway traffic is the scan API.
    scanApi: (req, res) => {
      if (!transfers.serve(req, res)) scanApi(req, res)
    },
    gateway: {
      deps,
      options: {
        bodyLimitBytes: config.inspection.maxBodyBytes,
        onError: (error, requestId) => options.log(`request ${requestId} failed: ${describeError(error)}`),
        onDone: (api, tenant, status, seconds) => {
          metrics.requests.labels(api, tenant, String(status)).inc()
          metrics.requestDuration.labels(api).observe(seconds)
        },
      },
    },
    metrics: () => renderMetrics(metrics),
  })
  const server = await startHttpServer(
    handler,
    { host: config.server.host, port: config.server.port },
    rawHandlers,
  )
  const proxyServer =
    proxySettings.port === undefined
      ? undefined
      : await startHttpServer(
          (req, res) => {
            if (!proxy.onRequest(req, res)) res.writeHead(404).end()
          },
          { host: config.server.host, port: proxySettings.port },
          rawHandlers,
        )
  listening = server.url
  return {
    url: server.url,
    metrics,
    reload: async (next) => {
      const nextSetup = buildGatewaySetup(next, await catalogFor(next), options.env)
      await transfers.reload(next, nextSetup)
      setup = nextSetup
      proxySettings = proxySettingsFrom(next)
    },
    close: async () => {
      proxy.close()
      interceptor?.close()
      closeUpstreamConnections()
      await proxyServer?.close()
      await server.close()
      await appender.close()
      await store.close()
      await upstream.close()
      await transfers.close()
      purge?.stop()
      await directives.close()
    },
  }
}

function telemetryOf(metrics: GatewayMetrics): GatewayTelemetry {
  return {
    decision: (action, rule) => metrics.decisions.labels(action, rule).inc(),
    detections: (typeCounts) => {
      for (const [type, count] of Object.entries(typeCounts)) metrics.detections.labels(type).inc(count)
    },
    inspection: (seconds) => metrics.inspectionDuration.labels().observe(seconds),
    upstreamError: (upstream, kind) => metrics.upstreamErrors.labels(upstream, kind).inc(),
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

// Interception needs the organisation CA (`sluice ca init`); without one, blocked HTTPS gets a refused CONNECT.
async function existingCa(dataDir: string): Promise<CertificateAuthority | undefined> {
  const files = caFiles(dataDir)
  return existsSync(files.key) && existsSync(files.pem) ? loadOrCreateCa(dataDir) : undefined
}
