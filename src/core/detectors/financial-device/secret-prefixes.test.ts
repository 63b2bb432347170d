import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findSecretPrefixes, prefixSlots } from './secret-prefixes.ts'

// The alternation findSecretPrefixes stands for (see its header).
const alternation =
  /sk-|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|AIza|[sr]k_(?:live|test)_|hf_|npm_|SK[0-9a-f]|SG\.|eyJ|-----BEGIN |[Bb]earer |Basic /y

function expected(text: string): number[] {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) {
    alternation.lastIndex = i
    if (alternation.test(text)) out.push(i * prefixSlots + (alternation.lastIndex - i))
  }
  return out
}

describe('findSecretPrefixes', () => {
  const texts = [
    'key sk-abc sk_live_x rk_test_y sk_prod_z task-sk- ask-',
    'AKIA ASIA AIza AKI AIzb SKa SKg SG. SGx eyJ ey J',
    'ghp_ gho_ ghx_ github_pat_ github_x glpat- xoxb- xoxz- xapp- hf_ npm_ np_',
    '------BEGIN RSA -----BEGIN -----END Bearer bearer Basic basic BEARER',
    '_-_ --- sk--x gh_ -sk- k- _hf_ xox- -----BEGIN',
  ]
  for (const text of texts) {
    it(`finds exactly where the alternation matches in ${JSON.stringify(text.slice(0, 24))}`, () => {
      assert.deepEqual([...findSecretPrefixes(text)], expected(text))
    })
  }
})
