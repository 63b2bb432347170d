import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { serveSluice } from '../main.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice serve`. */
export const serveUsage = `usage: sluice serve [--config FILE] [--data DIR] [--host H] [--port P] [--workers N]
                    [--dictionary FILE]... [--fingerprints FILE]...
  Serves the AI API gateway (OpenAI-compatible /v1/chat/completions, /v1/responses, /v1/embeddings,
  /v1/models; Anthropic-compatible /v1/messages), the forward proxy for browsers (absolute-form
  requests, CONNECT, GET /proxy.pac; TLS interception once 'sluice ca init' made a CA), the consent
  pages (/consent/…, /v1/consents), the scan API (/v1/scan, /v1/redact, /v1/restore), /metrics and
  /healthz on one port.
  Without --config it runs the embedded default: data in ./data, the built-in catalog, the kr-ministry
  preset, loopback clients keyless. A changed config file is reloaded; an invalid one is refused loudly.
  --workers N   processes serving requests (default: one per core; 1 = this process only)
  Precedence: flags > environment (SLUICE_HOST, SLUICE_PORT, SLUICE_DATA_DIR, …) > file > defaults.
`

/** Runs `sluice serve` until SIGINT/SIGTERM. */
export async function runServeCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      workers: { type: 'string' },
      dictionary: { type: 'string', multiple: true, default: [] },
      fingerprints: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(serveUsage)
    return 0
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535, got '${values.port}'`)
  }
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers)
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
    throw new UsageError(`--workers must be a number from 1 to 64, got '${values.workers}'`)
  }
  const log = (line: string): void => void process.stderr.write(`${new Date().toISOString()} ${line}\n`)
  const running = await serveSluice({
    ...(values.config === undefined ? {} : { configFile: values.config }),
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(port === undefined ? {} : { port }),
    workers,
    env,
    dictionaryFiles: values.dictionary,
    fingerprintFiles: values.fingerprints,
    log,
  })
  if (running.primary) {
    log(`sluice ${running.workers > 1 ? `(${running.workers} workers) ` : ''}listening on ${running.url}`)
    process.stderr.write(tryItText(running.url, values.config === undefined))
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      if (running.primary) log('shutting down')
      void running.close().then(resolve)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}

function tryItText(url: string, embedded: boolean): string {
  const lines = [
    '',
    'Try it:',
    '  # blocked: DeepSeek is a Chinese-operated service (kr-ministry rule M03) — answers 403 with the rule',
    `  curl -s ${url}/v1/chat/completions -H 'content-type: application/json' \\`,
    `    -d '{"model":"deepseek-chat","messages":[{"role":"user","content":"안녕하세요"}]}'`,
    '  # redacted: the resident registration number is replaced before anything else sees it',
    `  curl -s ${url}/v1/redact -H 'content-type: application/json' \\`,
    `    -d '{"text":"주민등록번호 900101-1234568 확인 부탁드립니다","mode":"tag"}'`,
    `  # point an SDK at it: OpenAI(base_url="${url}/v1"), Anthropic(base_url="${url}")`,
    embedded
      ? '  (embedded default: loopback clients need no key; set OPENAI_API_KEY / ANTHROPIC_API_KEY for allowed calls)'
      : '',
    '',
  ]
  return `${lines.filter((l, i) => l !== '' || i === 0 || i === lines.length - 1).join('\n')}\n`
}
