/* The search behind Material's search box: MiniSearch over this language's index.
 *
 * Built by the worker (assets/search-worker.js) from the index that hooks/glue/search_split.py writes
 * (Material's {location, title, text} entries, a page first, then its sections, plus `terms`);
 * answers in the shape Material's result list renders (an item per page: the page, then its best
 * sections, each with an HTML title and snippet where the matched words are <mark>ed). Tested
 * with node (tests/test_search_tokens.py) and in the browser (tests/test_search_browser.py).
 *
 * Ranking: every query word must match (AND), the last one also as a prefix (typing), words of
 * five or more letters also with one typo; when no entry has them all, the entries with most of
 * them (OR). Titles and glossary terms weigh more than text, and an entry whose title or term *is*
 * the query comes first.
 */
import { Chinese, display, indexTerms, pieces, queryTerms, term } from "./search-tokens.js"

const BOOST = { title: 3, terms: 3, page: 0.5, text: 1 }
const EXACT = 20       /* score factor for an entry whose title or term equals the query */
const PAGE = 2         /* score factor for a page over its sections (timeline events included) */
const SECOND = 0.5     /* weight of a page's second-best entry in its rank */
const SNIPPET = { zh: 90, en: 180 }   /* characters around the first match */

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }
export function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => ESCAPES[c])
}

/* A heading's anchor rebuilt from its title, for the titles hooks/glue/search_split.py `slug()` sends
   without one (ASCII and CJK titles, where this simple rule equals Python-Markdown's). */
export function slug(title) {
  return title.trim().replace(/[A-Z]/g, c => c.toLowerCase())
    .replace(/[^a-z0-9_\- \u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g, "").replace(/ /g, "-")
}

/* Query or title reduced to its words, for "is the query exactly this title or term?" */
function key(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "")
}

/* The forms of a title or term that count as typing it exactly: the whole; without a bracketed
   qualifier at its end (国际红树林中心（深圳）); that bracket when it is an acronym (… (GIP));
   the part before a subtitle (Building a Shared Future for All Life on Earth: China in Action). */
function keys(text) {
  const out = [text]
  const bracket = text.match(/^(.+?)\s*[（(]([^（）()]+)[)）]\s*$/u)
  if (bracket) {
    out.push(bracket[1])
    if (/^[A-Z][A-Za-z0-9]{1,9}$/.test(bracket[2])) out.push(bracket[2])
  }
  const colon = text.match(/^(.{4,}?)\s*[:：]\s*\S/u)
  if (colon) out.push(colon[1])
  return out.map(key).filter(Boolean)
}

export class Engine {
  constructor(MiniSearch, site, docs) {
    this.lang = site.lang
    this.zh = site.mark ? new Chinese(site.mark) : null
    this.entries = []
    const pages = new Map()  // page location -> title
    for (const doc of docs) {
      const [page, anchor] = doc.location.split("#")
      if (anchor === undefined) {
        pages.set(page, doc.title)
        this.add(page, doc.title, doc.text, doc.terms || [], "", null)
      } else {
        // an empty anchor: the heading's own, rebuilt from its title (hooks/glue/search_split.py `slug`)
        const location = anchor ? doc.location : doc.location + slug(display(doc.title, site.mark))
        this.add(location, doc.title, doc.text, doc.terms || [], pages.get(page) || "", page)
      }
    }
    if (this.zh)
      for (const e of this.entries)
        for (const t of [e.raw.title, e.raw.text, e.raw.page, ...e.raw.terms]) this.zh.learn(t)
    const zh = this.zh
    this.index = new MiniSearch({
      fields: ["title", "terms", "page", "text"],
      storeFields: [],
      extractField: (entry, field) => field === "id" ? entry.id : field === "terms"
        ? entry.raw.terms.join(" ") : entry.raw[field],
      tokenize: text => indexTerms(text, zh),
      processTerm: t => t,
      searchOptions: { tokenize: s => [s], processTerm: t => t, boost: BOOST }
    })
    this.index.addAll(this.entries)
    for (const e of this.entries) delete e.raw
  }

  add(location, title, text, terms, page, parent) {
    const mark = this.zh ? this.zh.mark : ""
    this.entries.push({
      id: this.entries.length, location, parent,
      title: display(title, mark), text: display(text, mark),
      keys: [title, ...terms].flatMap(t => keys(display(t, mark))),
      raw: { title, text, terms, page }
    })
  }

  search(query) {
    const words = queryTerms(query, this.zh)
    if (!words.length) return { items: [] }
    const last = words.length - 1
    const leaves = words.map((w, i) => ({
      queries: [w.term],
      prefix: i === last && (!w.latin || w.text.length > 1),
      fuzzy: w.latin && /^\p{L}{5,}$/u.test(w.text) ? 1 : 0
    }))
    let hits = this.index.search({ combineWith: "AND", queries: leaves })
    if (!hits.length) hits = this.index.search({ combineWith: "OR", queries: leaves })
    const wanted = key(query)
    const groups = new Map()
    for (const hit of hits) {
      const entry = this.entries[hit.id]
      const score = hit.score * (entry.keys.includes(wanted) ? EXACT : 1) * (entry.parent === null ? PAGE : 1)
      const page = entry.parent === null ? entry.location : entry.parent
      if (!groups.has(page)) groups.set(page, [])
      groups.get(page).push({ entry, score, matched: hit.terms, queried: hit.queryTerms })
    }
    // A page ranks by its best entry, and a little by its second: a page that matches in
    // several of its parts is more about the query than one that mentions it once.
    const rank = items => items[0].score + SECOND * (items.length > 1 ? items[1].score : 0)
    const ranked = [...groups.values()]
      .map(items => items.sort((a, b) => b.score - a.score))
      .sort((a, b) => rank(b) - rank(a))
    return { items: ranked.map(items => this.item(items, words)) }
  }

  /* One result: its entries best first, the page itself always among them (Material needs it). */
  item(items, words) {
    const out = items.map(i => this.render(i.entry, i.score, i.matched, i.queried, words))
    if (!items.some(({ entry }) => entry.parent === null)) {
      // The page's own link carries the words found in its sections, for Material to highlight.
      const page = this.entries.find(e => e.location === items[0].entry.parent)
      const item = this.render(page, 0, [], [], words)
      item.terms = {}
      for (const o of out) for (const [t, found] of Object.entries(o.terms)) if (found) item.terms[t] = true
      for (const w of words) if (out.every(o => o.terms[w.text] === false)) item.terms[w.text] = false
      out.push(item)
    }
    return out
  }

  /* Material's item: HTML title and snippet with the matched words marked, and `terms`: the words
     as written in this entry (Material highlights them on the page the result opens) and the query
     words this entry lacks (shown as missing). */
  render(entry, score, matched, queried, words) {
    const spots = this.surface(entry, new Set(matched.filter(t => t.length > 1 || queried.includes(t))))
    const terms = {}
    for (const s of spots) terms[s] = true
    for (const w of words) if (!queried.includes(w.term) && !(w.text in terms)) terms[w.text] = false
    return {
      location: entry.location,
      title: highlight(entry.title, spots, this.lang),
      text: entry.text ? `<p>${snippet(entry.text, spots, SNIPPET[this.lang] || 180, this.lang)}</p>` : "",
      score,
      terms
    }
  }

  /* The matched index terms as written in this entry's title and text. */
  surface(entry, matched) {
    const found = new Set()
    for (const p of pieces(`${entry.title} ${entry.text}`)) {
      if (p.han) {
        for (const t of matched) if (p.han.includes(t)) found.add(t)
      } else if (matched.has(term(p.word))) {
        found.add(p.word)
      }
    }
    return [...found]
  }
}

/* Positions of the words to mark, as [start, end] pairs, in order and not overlapping. */
function spans(text, spots, lang) {
  const out = []
  const lower = text.toLowerCase()
  for (const s of spots) {
    const needle = s.toLowerCase()
    let from = 0
    while (needle && (from = lower.indexOf(needle, from)) !== -1) {
      const end = from + needle.length
      // A Latin word is marked only where a word starts (not "cop" inside "scope")
      const latin = /^[\p{Script=Latin}\p{N}]/u.test(needle)
      if (!latin || from === 0 || !/[\p{Script=Latin}\p{N}]/u.test(lower[from - 1])) out.push([from, end])
      from = end
    }
  }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged = []
  for (const s of out)
    if (!merged.length || s[0] >= merged[merged.length - 1][1]) merged.push(s)
  return merged
}

export function highlight(text, spots, lang, list = spans(text, spots, lang)) {
  let html = "", at = 0
  for (const [start, end] of list) {
    html += escapeHTML(text.slice(at, start)) + "<mark>" + escapeHTML(text.slice(start, end)) + "</mark>"
    at = end
  }
  return html + escapeHTML(text.slice(at))
}

/* Up to `size` characters around the first marked word, cut at spaces where there are any. */
export function snippet(text, spots, size, lang) {
  const list = spans(text, spots, lang)
  if (text.length <= size) return highlight(text, spots, lang, list)
  const first = list.length ? list[0][0] : 0
  let start = Math.max(0, first - Math.floor(size / 4))
  let end = Math.min(text.length, start + size)
  start = Math.max(0, end - size)
  if (start > 0) {
    const space = text.indexOf(" ", start)
    if (space !== -1 && space < first && space - start < 20) start = space + 1
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end)
    if (space > start + size / 2) end = space
  }
  const part = text.slice(start, end)
  const shifted = list.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start])
  return (start > 0 ? "… " : "") + highlight(part, [], lang, shifted) + (end < text.length ? " …" : "")
}
