import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CountryCode, Metadata } from 'libphonenumber-js/core'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import metadata from 'libphonenumber-js/metadata.max.json'
import { nationalDigitRange, parseForeignPhone } from './parse-foreign-phone.ts'

describe('parseForeignPhone', () => {
  // Example numbers from libphonenumber-js examples.mobile.json.
  const valid: [string, string | undefined, string | undefined][] = [
    ['+44 7400 123456', undefined, 'mobile'],
    ['+81 90-1234-5678', undefined, 'mobile'],
    ['+44 (0)20 7946 0958', undefined, 'landline'],
    ['(201) 555-0123', 'US', undefined],
    ['020 7946 0958', 'GB', 'landline'],
  ]
  for (const [text, country, kind] of valid) {
    it(`vouches for ${text} when it is in a real range`, () => {
      assert.deepEqual(parseForeignPhone(text, country as 'US' | 'GB' | undefined), { valid: true, kind })
    })
  }
  it('reports a possible but unassigned number as not valid', () => {
    assert.deepEqual(parseForeignPhone('555-123-4567', 'US'), { valid: false, kind: undefined })
  })
  it('returns undefined when the length is impossible', () => {
    assert.equal(parseForeignPhone('+1234'), undefined)
    assert.equal(parseForeignPhone('+50'), undefined)
  })

  // parseForeignPhone skips isValid() when getType() finds nothing; that is only the same answer
  // when every numbering plan carries type patterns.
  it('relies on every numbering plan having type patterns', () => {
    const plans = new Metadata(metadata) as unknown as {
      selectNumberingPlan(c: string): void
      hasTypes(): boolean
    }
    const json = metadata as unknown as { countries: object; country_calling_codes: object }
    for (const plan of [...Object.keys(json.countries), ...Object.keys(json.country_calling_codes)]) {
      plans.selectNumberingPlan(plan)
      assert.ok(plans.hasTypes(), plan)
    }
  })

  it('derives the national digit ranges from the metadata', () => {
    const json = metadata as unknown as { country_calling_codes: Record<string, string[]> }
    const plans = new Metadata(metadata) as unknown as {
      selectNumberingPlan(c: string): void
      possibleLengths(): number[]
      IDDPrefix(): string
      nationalPrefixForParsing(): string
      numberingPlan: { callingCode(): string }
    }
    // The prefixes the range reasoning assumes: only a trunk 0 can be stripped from a national
    // candidate that starts 0 but not 00 (or 010 in Japan).
    const prefixes: Record<string, [string, string]> = {
      GB: ['00', '0|180020'],
      JP: ['010', String.raw`(000[2569]\d{4,6})$|(?:(?:003768)0?)|0`],
      DE: ['00', '0'],
      FR: ['00', '0'],
      AU: ['001[14-689]|14(?:1[14]|34|4[17]|[56]6|7[47]|88)0011', '(183[12])|0'],
    }
    for (const [country, range] of Object.entries(nationalDigitRange)) {
      plans.selectNumberingPlan(country)
      assert.deepEqual([plans.IDDPrefix(), plans.nationalPrefixForParsing()], prefixes[country], country)
      const lengths = new Set<number>()
      for (const sharing of json.country_calling_codes[plans.numberingPlan.callingCode()] ?? []) {
        plans.selectNumberingPlan(sharing)
        for (const length of plans.possibleLengths()) lengths.add(length)
      }
      assert.deepEqual(range, [Math.min(...lengths), Math.max(...lengths) + 1], country)
    }
  })

  it('rejects by length only national numbers libphonenumber finds impossible', () => {
    let seed = 7
    const digit = (): string => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return String(seed % 10)
    }
    for (const country of Object.keys(nationalDigitRange) as CountryCode[]) {
      for (let length = 1; length <= 19; length++) {
        for (const lead of ['0', '01', '010', '00', '02', '(0', '1']) {
          let text = lead
          for (let i = lead.replace('(', '').length; i < length; i++)
            text += i === 3 ? ` ${digit()}` : digit()
          const possible = parsePhoneNumberFromString(text, country)?.isPossible() === true
          assert.equal(parseForeignPhone(text, country) !== undefined, possible, `${country} ${text}`)
        }
      }
    }
  })
})
