// Fails (exit 1) when an import breaks the layering of STYLE.md §3. Part of `npm test`.
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, normalize, relative } from 'node:path'
import { checkImport, listImports } from './layers/layer-rules.ts'

const root = join(import.meta.dirname, '..')

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(path)
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path
  }
}

const problems: string[] = []
let files = 0
for await (const path of sourceFiles(join(root, 'src'))) {
  files++
  const file = relative(root, path).split('\\').join('/')
  for (const spec of listImports(await readFile(path, 'utf8'))) {
    const target = spec.startsWith('.')
      ? relative(root, normalize(join(dirname(path), spec)))
          .split('\\')
          .join('/')
      : spec
    const problem = checkImport(file, target)
    if (problem) problems.push(`${file}: ${problem}`)
  }
}
if (problems.length > 0) {
  process.stderr.write(`layering violations:\n${problems.join('\n')}\n`)
  process.exitCode = 1
} else process.stdout.write(`layers ok (${files} files)\n`)
