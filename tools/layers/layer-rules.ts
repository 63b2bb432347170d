// The dependency direction of STYLE.md §3: core ← app ← adapters / config ← cli ← main.ts.

/** Which layer a source file (path relative to the project root, '/'-separated) belongs to. */
export function layerOf(file: string): string | undefined {
  // The composition root: main.ts and the wiring modules it splits into under src/compose/.
  if (file === 'src/main.ts' || file.startsWith('src/compose/')) return 'main'
  const m = /^src\/(core|app|adapters|config|cli)\//.exec(file)
  return m?.[1]
}

// Packages the pure core may use: pure functions over values, no I/O.
const corePackages = new Set(['zod', 'libphonenumber-js', 'libphonenumber-js/max', 'libphonenumber-js/min'])
// node:crypto in the core is for deterministic hashing only (HMAC/SHA-256), see ARCHITECTURE.md.
const coreBuiltins = new Set(['node:crypto'])

/**
 * Returns why importing `target` from `file` breaks the layering, or undefined when it is allowed.
 * `target` is either a resolved project path ('src/…') or a bare specifier ('node:fs', 'zod').
 */
export function checkImport(file: string, target: string): string | undefined {
  const from = layerOf(file)
  if (from === undefined) return undefined
  const isProject = target.startsWith('src/')
  if (!isProject) {
    if (from !== 'core') return undefined
    if (coreBuiltins.has(target) || corePackages.has(target)) return undefined
    return `core must stay pure: it may not import '${target}'`
  }
  const to = layerOf(target)
  if (to === undefined) return undefined
  const allowed: Record<string, readonly string[]> = {
    core: ['core'],
    app: ['core', 'app'],
    adapters: ['core', 'app', 'adapters'],
    config: ['core', 'config'],
    cli: ['core', 'app', 'config', 'cli', 'main'],
    main: ['core', 'app', 'adapters', 'config', 'main'],
  }
  if (!(allowed[from] ?? []).includes(to)) return `${from} may not import ${to} (${target})`
  if (from === 'adapters' && to === 'adapters') {
    const own = file.split('/')[2]
    const other = target.split('/')[2]
    if (own !== other) return `adapters are strangers: ${own} may not import ${other} (${target})`
  }
  return undefined
}

const importPattern =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

/** Lists the module specifiers a TypeScript source imports or re-exports. */
export function listImports(source: string): string[] {
  return [...source.matchAll(importPattern)].map((m) => (m[1] ?? m[2]) as string)
}
