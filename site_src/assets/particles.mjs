// Korean particles that agree with the word before them: the browser's copy of
// glossary/particles.py (the rule is explained there). Both are held to the cases in
// tests/js/particles.json.

// marker → [after a final consonant, after a vowel]
const PAIRS = {
  "은(는)": ["은", "는"],
  "는(은)": ["은", "는"],
  "이(가)": ["이", "가"],
  "가(이)": ["이", "가"],
  "을(를)": ["을", "를"],
  "를(을)": ["을", "를"],
  "과(와)": ["과", "와"],
  "와(과)": ["과", "와"],
  "(으)로": ["으로", "로"],
}
const MARKER = new RegExp(Object.keys(PAIRS).map((m) => m.replace(/[()]/g, "\\$&")).join("|"), "g")
const NONE = "none", RIEUL = "rieul", OTHER = "other"
const DIGITS = [OTHER, RIEUL, NONE, OTHER, NONE, NONE, OTHER, RIEUL, RIEUL, NONE] // 영 일 이 삼 …
const LETTERS = { L: RIEUL, M: OTHER, N: OTHER, R: RIEUL } // 엘 엠 엔 알; other letters end in a vowel
const CLOSING = "'\"’”」』》〉"
const OPENING = { ")": "(", "）": "（", "]": "[" }

export function attachParticles(text) {
  return text.replace(MARKER, (marker, offset) => choose(text.slice(0, offset), marker))
}

function choose(before, marker) {
  const final = finalSound(before)
  if (final === null) return marker
  const [withConsonant, withVowel] = PAIRS[marker]
  if (marker === "(으)로" && final === RIEUL) return withVowel
  return final === NONE ? withVowel : withConsonant
}

export function finalSound(text) {
  text = lookedThrough(text)
  if (!text) return null
  const last = text[text.length - 1]
  if (last >= "가" && last <= "힣") {
    const final = (last.charCodeAt(0) - 0xac00) % 28
    return final === 0 ? NONE : final === 8 ? RIEUL : OTHER
  }
  if (/[0-9]/.test(last)) return numberSound(text.match(/[0-9][0-9,]*(\.[0-9]+)?$/)[0])
  if (last === "%") return NONE // 퍼센트
  const word = text.match(/[A-Za-z]+$/)
  if (word && word[0] === word[0].toUpperCase()) return LETTERS[last] || NONE
  return null
}

// text without what a particle looks through at its end: closing quotes and a parenthesis
function lookedThrough(text) {
  for (;;) {
    text = text.trimEnd()
    let end = text.length
    while (end > 0 && CLOSING.includes(text[end - 1])) end--
    text = text.slice(0, end).trimEnd()
    const start = text && OPENING[text[text.length - 1]] ? text.lastIndexOf(OPENING[text[text.length - 1]]) : -1
    if (start <= 0) return text
    text = text.slice(0, start)
  }
}

function numberSound(number) {
  const digits = number.replace(/,/g, "")
  const zeros = digits.length - digits.replace(/0+$/, "").length
  if (digits.includes(".") || zeros === 0 || zeros === digits.length) return DIGITS[Number(digits[digits.length - 1])]
  return zeros >= 12 && zeros < 16 ? NONE : OTHER // 조 ends in a vowel; 십 백 천 만 억 경 do not
}
