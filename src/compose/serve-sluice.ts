// `sluice serve`: one process, or a primary with one worker per core (node:cluster). Each worker runs
// the whole request path and appends to the shared SQLite ledger in BEGIN IMMEDIATE transactions, so
// records are chained in commit order without a single writer to wait on. The primary watches the
// configuration, tells workers to reload, merges their metrics, and replaces a worker that dies.
import cluster from 'node:cluster'
import { isConfigError } from '../config/config-error.ts'
import { watchConfig } from '../config/config-watcher.ts'
import { loadConfig } from '../config/load-config-file.ts'
import type { SluiceConfig } from '../config/sluice-config-schema.ts'
import { type PrimaryMetrics, startPrimaryMetrics, workerMetricsClient } from './cluster-metrics.ts'
import { type GatewayProcess, prepareSharedFiles, startGatewayProcess } from './gateway-process.ts'
import { startCheckpointing } from './ledger-wiring.ts'

/** What `sluice serve` was asked for. CLI flags win over the environment and the file. */
export interface ServeSluiceOptions {
  readonly configFile?: string
  readonly host?: string
  readonly port?: number
  readonly dataDir?: string
  /** Worker processes; 1 serves in this process. */
  readonly workers: number
  readonly env: Readonly<Record<string, string | undefined>>
  readonly dictionaryFiles: readonly string[]
  readonly fingerprintFiles: readonly string[]
  readonly log: (line: string) => void
}

/** A running Sluice. */
export interface RunningSluice {
  readonly url: string
  readonly config: SluiceConfig
  /** False in a cluster worker: the primary speaks for the whole. */
  readonly primary: boolean
  readonly workers: number
  close(): Promise<void>
}

/** Loads the configuration with the CLI's overrides applied. */
export async function loadServeConfig(options: ServeSluiceOptions): Promise<SluiceConfig> {
  const env = {
    ...options.env,
    ...(options.host === undefined ? {} : { SLUICE_HOST: options.host }),
    ...(options.port === undefined ? {} : { SLUICE_PORT: String(options.port) }),
    ...(options.dataDir === undefined ? {} : { SLUICE_DATA_DIR: options.dataDir }),
  }
  return loadConfig(options.configFile, env)
}

/** Starts Sluice; resolves once every worker listens. */
export async function serveSluice(options: ServeSluiceOptions): Promise<RunningSluice> {
  if (cluster.isWorker) return runWorker(options)
  const config = await loadServeConfig(options)
  if (options.workers <= 1) return runSingle(options, config)
  return runPrimary(options, config)
}

async function runSingle(options: ServeSluiceOptions, config: SluiceConfig): Promise<RunningSluice> {
  const gateway = await startGatewayProcess(options, config, (metrics) => Promise.resolve(metrics.render()))
  const checkpointing = await startCheckpointing(config, options.log)
  const watch = watchFile(options, (next) => gateway.reload(next))
  return {
    url: gateway.url,
    config,
    primary: true,
    workers: 1,
    close: async () => {
      watch?.close()
      await gateway.close()
      await checkpointing.stop()
    },
  }
}

async function runWorker(options: ServeSluiceOptions): Promise<RunningSluice> {
  const config = await loadServeConfig(options)
  const metricsClient = workerMetricsClient()
  const gateway: GatewayProcess = await startGatewayProcess(options, config, metricsClient.collect)
  metricsClient.serveSnapshots(() => gateway.metrics.snapshot())
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'sluice:reload') {
      loadServeConfig(options)
        .then((next) => gateway.reload(next))
        .catch((error: unknown) =>
          options.log(`worker ${process.pid}: config NOT reloaded: ${describe(error)}`),
        )
    }
  })
  process.send?.({ type: 'sluice:listening', url: gateway.url })
  return {
    url: gateway.url,
    config,
    primary: false,
    workers: 1,
    close: async () => {
      await gateway.close()
      // The IPC channel to the primary would keep this process alive after everything else closed.
      cluster.worker?.disconnect()
    },
  }
}

async function runPrimary(options: ServeSluiceOptions, config: SluiceConfig): Promise<RunningSluice> {
  // Files every worker shares are created once, here, so workers never race to create them.
  await prepareSharedFiles(config, options.env)
  const metrics: PrimaryMetrics = startPrimaryMetrics()
  let stopping = false
  const fork = (): Promise<string> => {
    const worker = cluster.fork()
    metrics.add(worker)
    return new Promise((resolve, reject) => {
      worker.on('message', (message: { type?: string; url?: string }) => {
        if (message?.type === 'sluice:listening' && typeof message.url === 'string') resolve(message.url)
      })
      worker.once('exit', (code, signal) => {
        metrics.remove(worker)
        reject(new Error(`worker ${worker.process.pid} exited (${signal ?? code}) before listening`))
        if (!stopping) {
          options.log(`worker ${worker.process.pid} exited (${signal ?? code}); starting a new one`)
          fork().catch((error: unknown) => options.log(`could not replace a worker: ${describe(error)}`))
        }
      })
    })
  }
  const urls = await Promise.all(Array.from({ length: options.workers }, fork))
  const checkpointing = await startCheckpointing(config, options.log)
  const watch = watchFile(options, async () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ type: 'sluice:reload' })
  })
  return {
    url: urls[0] ?? '',
    config,
    primary: true,
    workers: options.workers,
    close: async () => {
      stopping = true
      watch?.close()
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined)
      const stopped = Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              // A worker that does not finish its requests in time is stopped hard.
              const hard = setTimeout(() => worker.process.kill('SIGKILL'), 10_000)
              worker.once('exit', () => {
                clearTimeout(hard)
                resolve()
              })
              worker.process.kill('SIGTERM')
            }),
        ),
      )
      await stopped
      // After the workers: the last checkpoint covers every record they wrote.
      await checkpointing.stop()
    },
  }
}

function watchFile(options: ServeSluiceOptions, apply: (config: SluiceConfig) => Promise<void>) {
  if (options.configFile === undefined) return undefined
  return watchConfig(options.configFile, {
    env: options.env,
    onChange: (config) => {
      apply(config).then(
        () => options.log(`config reloaded from ${options.configFile}`),
        (error: unknown) => options.log(`!!! config ${options.configFile} NOT applied: ${describe(error)}`),
      )
    },
    onError: (problems) => {
      // Loudly: an operator who saved a broken file must learn that it is NOT in force.
      options.log(
        `!!! config ${options.configFile} is INVALID and was NOT applied; still running the previous config:\n${problems.map((p) => `!!!   ${p}`).join('\n')}`,
      )
    },
  })
}

function describe(error: unknown): string {
  if (isConfigError(error)) return error.message
  return error instanceof Error ? error.message : String(error)
}
