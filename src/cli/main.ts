#!/usr/bin/env node
import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
// The `sluice` command line. Each command lives in its own module; this file only dispatches and
// turns errors into one-line messages with an exit code.
import { isSluiceError } from '../app/errors.ts'
import { isConfigError } from '../config/config-error.ts'
import {
  evidenceExtras,
  loadOrCreateCa,
  loadTransfersFor,
  openAuditDeps,
  openCatalogLookups,
  openDirectiveCommandStores,
  openExistingLedger,
  openLedgerSigningKey,
  readLedgerPublicKey,
  readTextFile,
  subjectOfUser,
  version,
} from '../main.ts'
import { runAuditCommand } from './audit-command.ts'
import { runCaCommand } from './ca-command.ts'
import { runConfigCommand } from './config-command.ts'
import { runDirectiveCommand } from './directive-command.ts'
import { runEvidenceCommand } from './evidence-command.ts'
import { runFingerprintCommand } from './fingerprint-command.ts'
import { runLedgerCommand } from './ledger-command.ts'
import { runPolicyCommand } from './policy-command.ts'
import { runReportCommand } from './report-command.ts'
import { runRestoreCommand } from './restore-command.ts'
import { runScanCommand } from './scan-command.ts'
import { runServeCommand } from './serve-command.ts'
import { UsageError } from './usage-error.ts'

const usage = `usage: sluice <command> [options]
commands:
  serve         serve the AI API gateway, scan API and metrics (default 127.0.0.1:8080)
  scan          find personal, sensitive and classified data and credentials in files
  restore       put original values back in place of pseudonym tokens
  fingerprint   build an exact-data fingerprint file from a CSV
  ledger        verify the hash-chained ledger and its signed checkpoints, tail it, export evidence
  evidence      verify an evidence bundle offline (sluice evidence verify BUNDLE)
  report        the overseas-transfer disclosure table for a privacy policy (report transfers)
  audit         analyse captured traffic (HAR, pcap, pcapng, Squid log, ledger export): which personal
                data went to which organisations and countries, and what the disclosures do not cover
  policy        run policy test cases, lint a policy
  config        print the sluice.yaml JSON Schema, check a config, hash a virtual key
  ca            create the organisation CA for HTTPS interception (ca init)
  directive     suspend transfers, block a service, delete data sent to a recipient (regulator orders)
run 'sluice <command> --help' for a command's options.
`

async function run(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'serve':
      return runServeCommand(rest, process.env)
    case 'scan':
      return runScanCommand(rest, process.env)
    case 'restore':
      return runRestoreCommand(rest)
    case 'fingerprint':
      return runFingerprintCommand(rest, process.env)
    case 'ledger':
      return runLedgerCommand(rest, {
        openLedger: openExistingLedger,
        readPublicKey: readLedgerPublicKey,
        openSigner: openLedgerSigningKey,
        extraFiles: evidenceExtras,
        subjectOf: subjectOfUser,
        defaultDataDir: process.env.SLUICE_DATA_DIR ?? './data',
      })
    case 'policy':
      return runPolicyCommand(rest, await commandDeps())
    case 'config':
      return runConfigCommand(rest, await commandDeps())
    case 'directive':
      return runDirectiveCommand(rest, {
        openStores: (dir) => openDirectiveCommandStores(dir),
        defaultDataDir: process.env.SLUICE_DATA_DIR ?? './data',
        operator: userInfo().username,
        now: () => new Date(),
        newId: (prefix) => `${prefix}-${randomUUID().slice(0, 8)}`,
        readFile: async (p) => new Uint8Array(await readFile(p)),
        writeFile: (p, text) => writeFile(p, text, { flag: 'wx' }),
      })
    case 'audit':
      return runAuditCommand(rest, await openAuditDeps())
    case 'report':
      return runReportCommand(rest, {
        openLedger: openExistingLedger,
        loadTransfers: (file) => loadTransfersFor(file, process.env),
      })
    case 'evidence':
      return runEvidenceCommand(rest)
    case 'ca':
      return runCaCommand(rest, { loadOrCreateCa, defaultDataDir: process.env.SLUICE_DATA_DIR ?? './data' })
    case '--version':
    case '-v':
      process.stdout.write(`${version}\n`)
      return 0
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(usage)
      return 0
    default:
      throw new UsageError(`unknown command '${command}'; run 'sluice --help'`)
  }
}

async function commandDeps() {
  const catalog = await openCatalogLookups()
  return {
    readFile: readTextFile,
    readStdin: async () => {
      let text = ''
      for await (const chunk of process.stdin) text += chunk
      return text
    },
    write: (text: string) => void process.stdout.write(text),
    env: process.env,
    serviceFacts: catalog.serviceFacts,
    knownServices: catalog.knownServices,
  }
}

function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError || isSluiceError(error) || isConfigError(error)) {
    return { message: error.message, code: 2 }
  }
  const e = error as NodeJS.ErrnoException
  if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') {
    return {
      message: `cannot read ${e.path ?? 'file'}: ${e.code === 'ENOENT' ? 'no such file' : e.code}`,
      code: 2,
    }
  }
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return { message: e.message, code: 2 }
  }
  if (e.code === 'EADDRINUSE') return { message: `address in use: ${e.message}`, code: 2 }
  return {
    message: `internal error: ${e.message ?? String(error)} (set SLUICE_DEBUG=1 for details)`,
    code: 70,
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const { message, code } = describeFailure(error)
    process.stderr.write(`sluice: ${message}\n`)
    if (process.env.SLUICE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = code
  },
)
