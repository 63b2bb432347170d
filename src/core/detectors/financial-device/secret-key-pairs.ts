// The unit pairs the secret key-word pattern of secret-assignment-detector.ts starts with, for the
// shared pair pass: the distinctive middles paSSword/paSSphrase, PWd, seCRet, aPI key, tOKen in any
// case, and the first two syllables of 비밀번호, 비번, 패스워드 and 암호.

/** Pair tables: a pair (a, b) may start a key word's middle when `first[a] & second[b]` is non-zero. */
export const secretKeyFirstBits = new Uint8Array(0x10000)
export const secretKeySecondBits = new Uint8Array(0x10000)

function rule(bit: number, firsts: string, seconds: string): void {
  for (const c of firsts)
    secretKeyFirstBits[c.charCodeAt(0)] = (secretKeyFirstBits[c.charCodeAt(0)] as number) | bit
  for (const c of seconds)
    secretKeySecondBits[c.charCodeAt(0)] = (secretKeySecondBits[c.charCodeAt(0)] as number) | bit
}

rule(1, 'Ss', 'Ss')
rule(2, 'Pp', 'WwIi')
rule(4, 'Cc', 'Rr')
rule(8, 'Oo', 'Kk')
rule(16, '비패암', '밀번스호')
