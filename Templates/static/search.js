/*
 * Broadsheet search: searches the build-time index in search-index.js
 * (window.BROADSHEET_SEARCH) as you type. No dependencies, no network requests,
 * so it works from file:// and under any subpath.
 *
 * Every word of the query must match (in the title, the summary, a topic or the
 * indexed body words); the last word may be the start of a word while you type.
 * Articles with more words in the title come first, then newest first.
 * `?q=words` in the address opens the page with results.
 */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;

  var data = window.BROADSHEET_SEARCH;
  if (!data || !data.days || !data.words) {
    status.textContent = "The search index (search-index.js) could not be loaded.";
    return;
  }

  var LIMIT = 100;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}+/gu;
  var NON_ASCII = /[^\x00-\x7f]/;
  var MORE = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  var LAST = "WXYZabcdefghijklmnopqrstuvwxyz-_";
  var root = list.getAttribute("data-root") || "";
  var stopwords = new Set(data.stopwords || []);
  var table = data.words;
  var wordIds = new Map();
  table.forEach(function (word, id) { wordIds.set(word, id); });

  /* Lowercase without diacritics, as the build folds (SearchIndex.fold). */
  function fold(text) {
    if (!NON_ASCII.test(text)) return text.toLowerCase();
    return text.toLowerCase().normalize("NFD").replace(MARKS, "").replace(/\u03c2/g, "\u03c3");
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  /* `fold` for many texts at once: one call is much faster than thousands. */
  function foldAll(texts) {
    var folded = fold(texts.join("\u0000")).split("\u0000");
    return folded.length === texts.length ? folded : texts.map(fold);
  }

  /* Sorted numbers from their gaps in base 32 (see IndexCode in SearchIndex.swift). */
  function decode(code) {
    var out = [], number = 0, previous = 0;
    for (var i = 0; i < code.length; i++) {
      var c = code.charAt(i), digit = MORE.indexOf(c);
      if (digit >= 0) { number = number * 32 + digit; continue; }
      digit = LAST.indexOf(c);
      if (digit < 0) continue;
      number = number * 32 + digit;
      previous = out.length ? previous + number : number;
      out.push(previous);
      number = 0;
    }
    return out;
  }

  /* The slug the build makes from a plain ASCII title; others are in the index. */
  function slugify(title) {
    var slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length > 80) {
      var head = slug.slice(0, 80), cut = head.lastIndexOf("-");
      slug = cut > 0 ? head.slice(0, cut) : head;
    }
    return slug;
  }

  var articles = [];
  data.days.forEach(function (day) {
    var parts = day[0].split("-");
    var dateText = Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
    day[1].forEach(function (entry) {
      var topics = decode(entry[3]).map(function (id) { return data.topics[id]; });
      articles.push({
        title: entry[0],
        summary: entry[1],
        topics: topics,
        date: day[0],
        dateText: dateText,
        url: root + parts.join("/") + "/" + (entry[2] || slugify(entry[0])) + "/" + data.suffix,
        body: decode(entry[4])
      });
    });
  });
  /* The words of each title, and of each summary with its topics, matched as text. */
  var titleTexts = foldAll(articles.map(function (article) { return article.title; }));
  var otherTexts = foldAll(articles.map(function (article) { return article.summary + " \u00b7 " + article.topics.join(" \u00b7 "); }));
  articles.forEach(function (article, index) {
    article.titleWords = titleTexts[index].match(WORD) || [];
    article.otherWords = otherTexts[index].match(WORD) || [];
  });

  /* The query as terms; the last is a prefix unless the query ends with a space. */
  function parse(query) {
    var terms = words(query);
    var prefix = terms.length > 0 && !/\s$/.test(query);
    var result = [];
    terms.forEach(function (term, index) {
      var last = index === terms.length - 1;
      if (!last && stopwords.has(term)) return;
      if (last && !prefix && stopwords.has(term) && result.length) return;
      if (result.some(function (t) { return t.text === term; })) return;
      result.push({ text: term, prefix: last && prefix });
    });
    result.forEach(function (term) {
      if (term.prefix) {
        term.ids = new Uint8Array(table.length);
        for (var i = 0; i < table.length; i++) {
          if (table[i].startsWith(term.text)) term.ids[i] = 1;
        }
      } else {
        term.id = wordIds.has(term.text) ? wordIds.get(term.text) : -1;
      }
    });
    return result;
  }

  function matchesWord(term, word) {
    return term.prefix ? word.startsWith(term.text) : word === term.text;
  }

  function inWords(term, list) {
    for (var i = 0; i < list.length; i++) if (matchesWord(term, list[i])) return true;
    return false;
  }

  function inBody(term, ids) {
    if (term.prefix) {
      for (var i = 0; i < ids.length; i++) if (term.ids[ids[i]]) return true;
      return false;
    }
    if (term.id < 0) return false;
    var lo = 0, hi = ids.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (ids[mid] === term.id) return true;
      if (ids[mid] < term.id) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  function search(terms) {
    var hits = [];
    articles.forEach(function (article, order) {
      var inTitle = 0, inOther = 0;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i];
        if (inWords(term, article.titleWords)) inTitle++;
        else if (inWords(term, article.otherWords)) inOther++;
        else if (!inBody(term, article.body)) return;
      }
      hits.push({ article: article, inTitle: inTitle, inOther: inOther, order: order });
    });
    hits.sort(function (a, b) {
      return (b.inTitle - a.inTitle) || (b.inOther - a.inOther) || (a.order - b.order);
    });
    return hits;
  }

  /* Appends `text` to `parent`, with the words that match a term in <mark>. */
  function highlight(parent, text, terms) {
    var last = 0;
    text.replace(WORD, function (word, offset) {
      var folded = fold(word);
      if (terms.some(function (term) { return matchesWord(term, folded); })) {
        if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        parent.appendChild(mark);
        last = offset + word.length;
      }
      return word;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function element(name, className, parent) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  }

  function show(hits, terms, query) {
    list.textContent = "";
    hits.slice(0, LIMIT).forEach(function (hit) {
      var article = hit.article;
      var item = element("li", "search-result", list);
      var heading = element("h2", "search-result-title", item);
      var link = element("a", "", heading);
      link.href = article.url;
      highlight(link, article.title, terms);
      var meta = element("p", "meta", item);
      var time = element("time", "", meta);
      time.dateTime = article.date;
      time.textContent = article.dateText;
      if (article.topics.length) element("span", "search-result-topics", meta).textContent = article.topics.join(", ");
      if (article.summary) highlight(element("p", "summary", item), article.summary, terms);
    });
    var quoted = "\u201c" + query.trim() + "\u201d";
    if (!hits.length) status.textContent = "No articles match " + quoted + ".";
    else if (hits.length === 1) status.textContent = "1 article matches " + quoted + ".";
    else if (hits.length > LIMIT) status.textContent = hits.length + " articles match " + quoted + "; showing the first " + LIMIT + ".";
    else status.textContent = hits.length + " articles match " + quoted + ".";
  }

  function remember(query) {
    try {
      var url = location.pathname + (query ? "?q=" + encodeURIComponent(query) : "") + location.hash;
      history.replaceState(null, "", url);
    } catch (error) {
      /* Some browsers refuse history changes on file:// pages; the results still show. */
    }
  }

  function run(query) {
    var terms = parse(query);
    if (!terms.length) {
      list.textContent = "";
      status.textContent = query.trim() ? "Type a word of at least one letter or digit." :
        "Type to search " + articles.length + (articles.length === 1 ? " article." : " articles.");
      return;
    }
    show(search(terms), terms, query);
  }

  input.addEventListener("input", function () {
    run(input.value);
    remember(input.value.trim());
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
    remember(input.value.trim());
  });

  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  var header = document.getElementById("site-search-q");
  if (header) header.value = initial;
  run(initial);
  if (!initial) input.focus();
})();
