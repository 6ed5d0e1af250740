// Generates core/tests/data/jalali_nowruz.json: for every Jalali year 1206..=1498,
// the Gregorian date of 1 Farvardin (Nowruz) and whether the year is leap,
// computed by jalaali-js (Borkowski's algorithm, independent of icu_calendar).
//
// The fixture is committed; tests never run this script. To regenerate:
//
//   cd "$(mktemp -d)" && npm install --no-save jalaali-js@2.0.1 \
//     && node /path/to/hamrah/scripts/gen_jalali_fixture.mjs \
//        > /path/to/hamrah/core/tests/data/jalali_nowruz.json
//
// (jalaali-js is resolved from the current directory's node_modules.)

import { createRequire } from 'node:module'

const require = createRequire(`${process.cwd()}/`)
const jalaali = require('jalaali-js')
const { version } = require('jalaali-js/package.json')

const FIRST = 1206
const LAST = 1498
const pad = (n, w = 2) => String(n).padStart(w, '0')

const years = []
for (let jy = FIRST; jy <= LAST; jy++) {
  const { gy, gm, gd } = jalaali.toGregorian(jy, 1, 1)
  const leap = jalaali.isLeapJalaaliYear(jy)
  // Consistency inside the oracle: a leap year has Esfand 30, and the next
  // Nowruz is 365 or 366 days later.
  if (leap !== jalaali.isValidJalaaliDate(jy, 12, 30)) {
    throw new Error(`jalaali-js disagrees with itself on ${jy}`)
  }
  years.push(`    { "year": ${jy}, "nowruz": "${gy}-${pad(gm)}-${pad(gd)}", "leap": ${leap} }`)
}

process.stdout.write(
  `{\n  "source": "jalaali-js ${version} (toGregorian(jy, 1, 1), isLeapJalaaliYear(jy))",\n` +
    `  "first_year": ${FIRST},\n  "last_year": ${LAST},\n  "years": [\n${years.join(',\n')}\n  ]\n}\n`,
)
