import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isCalendarDate, isLeapYear } from './calendar-date.ts'

describe('isCalendarDate', () => {
  const cases: [string, number, number, number, boolean][] = [
    ['an ordinary day', 1990, 1, 1, true],
    ['the last day of a 31-day month', 2021, 12, 31, true],
    ['day 31 of a 30-day month', 2021, 4, 31, false],
    ['29 February of a leap year', 2024, 2, 29, true],
    ['29 February of a common year', 2023, 2, 29, false],
    ['29 February 2000 (divisible by 400)', 2000, 2, 29, true],
    ['29 February 1900 (century, not by 400)', 1900, 2, 29, false],
    ['month 13', 1990, 13, 1, false],
    ['month 0', 1990, 0, 1, false],
    ['day 0', 1990, 1, 0, false],
    ['a fractional day', 1990, 1, 1.5, false],
  ]
  for (const [name, year, month, day, expected] of cases) {
    it(`returns ${expected} when given ${name}`, () => {
      assert.equal(isCalendarDate(year, month, day), expected)
    })
  }
})

describe('isLeapYear', () => {
  it('follows the Gregorian 4/100/400 rule when given century years', () => {
    assert.deepEqual([1600, 1700, 1900, 2000, 2024, 2100].map(isLeapYear), [
      true,
      false,
      false,
      true,
      true,
      false,
    ])
  })
})
