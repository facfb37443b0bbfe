/* Words of the search index and of queries, cut the same way on both sides.
 *
 * Used by the search worker (assets/search-engine.js) for every indexed text and every query;
 * tested with node (tests/test_search_tokens.py).
 *
 * Chinese. The index arrives cut by jieba at build time (hooks/rendering/search_zh.py, with the site's own
 * words as a user dictionary): inside each Han run, words are joined by MARK. `Chinese` learns those
 * words and how often jieba chose each one. The index then records, for every Han run, every known
 * word it contains (and each character), so that a query word found anywhere in the text is found
 * in the index; a query's Han runs are cut into known words with the cheapest path through them
 * (frequent and long words first, as jieba does). Every query word that occurs in a text is
 * therefore an index word of that text: index and query agree by construction.
 *
 * Latin letters and digits (both languages). Words are split where letters meet digits (COP15 ->
 * cop 15), folded to lower case without accents (Lomé -> lome), and English words are stemmed
 * with the Porter stemmer (railways, railway -> railwai), at index and query time alike; common
 * English function words are left out.
 */
import { stemmer } from "./vendor/stemmer/index.js"

const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"
const HAN_CHAR = new RegExp(`[${HAN}]`)
const STOP = new Set(("a an and are as at be been but by for from has have in into is it its of on or " +
  "that the their this to was were which with").split(" "))

/* Text as readers see it: without the marks between Chinese words. */
export function display(text, mark) {
  return mark ? text.split(mark).join("") : text
}

/* Text in order: Han runs (kept whole, marks included) and Latin/digit words. */
export function pieces(text, mark = "") {
  const m = mark ? mark.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : ""
  const run = m ? `[${HAN}](?:${m}?[${HAN}])*` : `[${HAN}]+`
  const re = new RegExp(`(${run})|((?:(?![${HAN}])[\\p{L}\\p{N}])+)`, "gu")
  const out = []
  for (const match of text.matchAll(re)) {
    if (match[1]) out.push({ han: match[1], index: match.index })
    else for (const part of match[2].split(/(?<=\p{N})(?=\p{L})|(?<=\p{L})(?=\p{N})/u))
      out.push({ word: part, index: match.index })
  }
  return out
}

/* A Latin or digit word as an index term: folded, stemmed (English), or null for a function word. */
export function term(word) {
  const folded = word.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase()
  if (/^[a-z]+$/.test(folded)) {
    if (STOP.has(folded)) return null
    return folded.length > 2 ? stemmer(folded) : folded
  }
  return folded
}

/* The Chinese words the index knows, learnt from jieba's cut (words joined by `mark`). */
export class Chinese {
  constructor(mark) {
    this.mark = mark
    this.counts = new Map()
    this.longest = 1
  }

  learn(text) {
    for (const p of pieces(text, this.mark))
      if (p.han)
        for (const word of p.han.split(this.mark)) {
          this.counts.set(word, (this.counts.get(word) || 0) + 1)
          if (word.length > this.longest) this.longest = word.length
        }
  }

  /* A word's cost: fewer bits for words jieba chose more often; unknown single characters cost most. */
  cost(word) {
    const n = this.counts.get(word)
    return n ? Math.clz32(n) : 40
  }

  /* Cut one Han run (no marks) into known words: the cheapest path, longer words winning ties. */
  segment(run) {
    const n = run.length, best = new Array(n + 1).fill(0), step = new Array(n + 1).fill(0)
    for (let i = n - 1; i >= 0; i--) {
      best[i] = this.cost(run[i]) + best[i + 1]
      step[i] = i + 1
      for (let j = Math.min(n, i + this.longest); j > i + 1; j--) {
        const word = run.slice(i, j)
        if (!this.counts.has(word)) continue
        const cost = this.cost(word) + best[j]
        if (cost < best[i] || (cost === best[i] && j > step[i])) {
          best[i] = cost
          step[i] = j
        }
      }
    }
    const out = []
    for (let i = 0; i < n; i = step[i]) out.push(run.slice(i, step[i]))
    return out
  }

  /* Every known word inside a run (and each character): what the index records for it. */
  contained(run) {
    const out = []
    for (let i = 0; i < run.length; i++) {
      out.push(run[i])
      for (let j = i + 2; j <= Math.min(run.length, i + this.longest); j++)
        if (this.counts.has(run.slice(i, j))) out.push(run.slice(i, j))
    }
    return out
  }
}

/* Index terms of a text (Chinese: marked by jieba; `zh` null for other languages). */
export function indexTerms(text, zh) {
  const out = []
  for (const p of pieces(text, zh ? zh.mark : "")) {
    if (p.han) {
      const run = zh ? display(p.han, zh.mark) : p.han
      if (zh) out.push(...zh.contained(run))
      else out.push(run)
    } else {
      const t = term(p.word)
      if (t) out.push(t)
    }
  }
  return out
}

/* Query words in order: {text: as typed, term: as indexed, latin: true for letters/digits}. */
export function queryTerms(query, zh) {
  const out = []
  for (const p of pieces(query)) {
    if (p.han) {
      for (const word of zh ? zh.segment(p.han) : [p.han])
        out.push({ text: word, term: word, latin: false })
    } else {
      const t = term(p.word)
      if (t) out.push({ text: p.word, term: t, latin: true })
    }
  }
  return out
}

export function isHan(ch) {
  return HAN_CHAR.test(ch)
}
