import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDetectionEngine } from '../../src/core/detection/create-engine.ts'
import { createDefaultDetectors } from '../../src/core/detectors/index.ts'
import { checkCase } from './check-case.ts'
import { vectorFiles } from './vectors/index.ts'

const engine = createDetectionEngine(createDefaultDetectors())

// Every transcribed public test vector either behaves as upstream expects, or exactly as its
// documented deliberate difference says.
for (const file of vectorFiles) {
  describe(`${file.name} (${file.source.repo}, ${file.source.licence})`, () => {
    file.cases.forEach((c, i) => {
      const label = `#${i + 1} ${JSON.stringify(c.text.length > 60 ? `${c.text.slice(0, 57)}...` : c.text)} → ${c.types.join('|')} ×${c.difference ? c.difference.count : c.count}`
      it(label, () => {
        const outcome = checkCase(engine, c)
        if (c.difference) {
          assert.ok(
            !outcome.upstream,
            `now matches upstream; remove the documented difference (${c.difference.reason})`,
          )
          assert.deepEqual(outcome.found, c.difference.spans ?? outcome.found, c.difference.reason)
          assert.equal(outcome.found.length, c.difference.count, c.difference.reason)
        } else {
          assert.equal(outcome.found.length, c.count, `found ${JSON.stringify(outcome.found)}`)
          if (c.spans)
            assert.deepEqual(
              outcome.found,
              [...c.spans].sort((a, b) => a[0] - b[0]),
            )
        }
      })
    })
  })
}
