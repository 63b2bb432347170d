import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkImport, listImports } from '../../tools/layers/layer-rules.ts'

describe('checkImport', () => {
  const cases: [string, string, boolean][] = [
    ['src/core/detectors/a.ts', 'src/core/detection/finding.ts', true],
    ['src/core/detectors/a.ts', 'src/app/errors.ts', false],
    ['src/core/detectors/a.ts', 'node:fs', false],
    ['src/core/transform/keyed-hash.ts', 'node:crypto', true],
    ['src/core/detectors/contact/phone.ts', 'libphonenumber-js', true],
    ['src/app/scan-document.ts', 'src/core/detection/finding.ts', true],
    ['src/app/scan-document.ts', 'src/adapters/documents/x.ts', false],
    ['src/adapters/http-api/a.ts', 'src/app/errors.ts', true],
    ['src/adapters/http-api/a.ts', 'src/adapters/documents/x.ts', false],
    ['src/adapters/http-api/a.ts', 'src/adapters/http-api/b.ts', true],
    ['src/cli/scan-command.ts', 'src/main.ts', true],
    ['src/cli/scan-command.ts', 'src/adapters/documents/x.ts', false],
    ['src/main.ts', 'src/adapters/documents/x.ts', true],
    ['src/compose/serve.ts', 'src/adapters/ledger-sqlite/x.ts', true],
    ['src/cli/serve-command.ts', 'src/compose/serve.ts', true],
    ['src/app/gateway/a.ts', 'src/compose/serve.ts', false],
  ]
  for (const [from, to, ok] of cases) {
    it(`${ok ? 'allows' : 'refuses'} ${from} → ${to}`, () =>
      assert.equal(checkImport(from, to) === undefined, ok))
  }
})

describe('listImports', () => {
  it('finds static, type-only, re-export and dynamic imports', () => {
    const src = `import a from './a.ts'\nimport type { B } from "../b.ts"\nexport { c } from './c.ts'\nconst d = await import('./d.ts')\nimport './side.ts'`
    assert.deepEqual(listImports(src), ['./a.ts', '../b.ts', './c.ts', './d.ts', './side.ts'])
  })
})
