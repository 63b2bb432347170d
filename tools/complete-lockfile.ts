// The npm registry these machines reach serves only some platforms' builds of packages that ship
// native binaries as optional dependencies (@biomejs/cli-*, @napi-rs/canvas-*). `npm install` then
// leaves the unreachable ones out of package-lock.json, and `npm ci` refuses the lock as out of sync.
// This adds a lock entry for each missing platform package, with the os/cpu/libc its name states, so
// `npm ci` skips them on this platform without fetching them. Run it after `npm install`:
//   node tools/complete-lockfile.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

interface LockEntry {
  version?: string
  dev?: boolean
  optionalDependencies?: Record<string, string>
  [key: string]: unknown
}

const file = join(import.meta.dirname, '..', 'package-lock.json')
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> }
const cpus = new Set(['x64', 'arm64', 'arm', 'ia32', 'riscv64', 'ppc64', 's390x', 'loong64', 'mips64el'])
let added = 0
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`
    if (lock.packages[key] || !/^\d+\.\d+\.\d+$/.test(version)) continue
    const parts = (name.split('/').at(-1) ?? '').split('-')
    const os = parts.find((p) =>
      ['linux', 'darwin', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix'].includes(p),
    )
    const cpu = parts.find((p) => cpus.has(p))
    if (!os || !cpu) continue
    const libc = parts.includes('musl')
      ? ['musl']
      : parts.includes('gnu') || parts.includes('gnueabihf')
        ? ['glibc']
        : undefined
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(libc ? { libc } : {}),
    }
    added++
    process.stdout.write(`added ${key}@${version} (from ${path || 'root'})\n`)
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
process.stdout.write(`${added} platform package entr${added === 1 ? 'y' : 'ies'} added\n`)
