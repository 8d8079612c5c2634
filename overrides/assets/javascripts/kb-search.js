// The header search box (partials/kb-search.html), on Pagefind's JS API.
//
// Nothing is fetched until the reader focuses the box: then pagefind.js is
// imported from the site root (the site may live under any path), and Pagefind
// picks the index of <html lang>, so a German page only ever finds German pages.
// Pagefind's own UIs weigh 120 to 175 KB; this file and Material's CSS do the job.
//
// Before a query and when nothing matches, the panel offers help instead of an empty
// screen (partials/kb-search.html): words to try, the most read guides, the tools and
// the categories of this language.

const MAX_RESULTS = 8;
const EXCERPT_WORDS = 30;
const KEYWORD_WEIGHT = 10; // sitebuild/search.py: the readers' words, hidden on the page

const box = document.querySelector("[data-kb-search]");
const toggle = document.getElementById("__search");
if (box && toggle) setUp(box, toggle);

function setUp(box, toggle) {
  const input = box.querySelector(".md-search__input");
  const form = box.querySelector(".md-search__form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const help = box.querySelector("[data-kb-search-help]");
  const hint = meta.textContent;
  const root = new URL(box.dataset.root, document.baseURI);
  let engine = null; // the promise of an initialised Pagefind module
  let latest = 0; // number of the newest query: older answers are dropped
  let pending = Promise.resolve(); // the newest query's rendering

  const load = () => {
    engine ??= import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
      // Result URLs start at the site root, wherever the site is served from.
      await pagefind.options({ baseUrl: root.pathname });
      await pagefind.init();
      return pagefind;
    });
    return engine;
  };

  const links = () => [...list.querySelectorAll(".md-search-result__link")];
  // What the arrow keys move through: the results, or the help when it shows.
  const stops = () => [...box.querySelectorAll(".md-search-result__link, .kb-search-help:not([hidden]) :is(a, button)")];

  const open = (state) => {
    if (toggle.checked !== state) toggle.checked = state;
  };

  // A message instead of results; with the help below it unless the search itself failed.
  const show = (text, { withHelp = true } = {}) => {
    meta.textContent = text;
    list.replaceChildren();
    if (help) help.hidden = !withHelp;
  };

  const render = (results, total) => {
    meta.textContent =
      total === 1 ? box.dataset.textOne : box.dataset.textMany.replace("{count}", String(total));
    list.replaceChildren(...results.map(item));
    if (help) help.hidden = true;
  };

  const search = async () => {
    const query = input.value.trim();
    const number = ++latest;
    await answer(query, number);
    // Which query the panel answers now (tests wait for it); an older answer never lands.
    if (number === latest) meta.dataset.query = query;
  };

  const answer = async (query, number) => {
    if (!query) return show(hint);
    try {
      const pagefind = await load();
      const found = await pagefind.search(query);
      if (number !== latest) return;
      if (!found.results.length) return show(box.dataset.textNone);
      const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (number === latest) render(data, found.results.length);
    } catch (error) {
      console.error(error);
      if (number === latest) show(box.dataset.textFailed, { withHelp: false });
    }
  };

  // Where focus was before the box took it: Escape gives it back there.
  let cameFrom = null;
  const close = ({ restore = false } = {}) => {
    open(false);
    const back = cameFrom;
    cameFrom = null;
    if (restore && back?.isConnected) back.focus();
  };

  input.addEventListener("focus", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) cameFrom = event.relatedTarget;
    open(true);
    if (!engine) {
      if (!input.value) meta.textContent = box.dataset.textLoading;
      load().then(
        () => input.value || (meta.textContent = hint),
        () => show(box.dataset.textFailed, { withHelp: false }),
      );
    }
  });
  input.addEventListener("input", () => (pending = search()));
  // A word to try runs as if typed; focus stays in the box, ready for the next word.
  help?.addEventListener("click", (event) => {
    const word = event.target.closest(".kb-search-help__word");
    if (!word) return;
    input.value = word.textContent;
    input.focus();
    pending = search();
  });
  form.addEventListener("reset", () => setTimeout(() => ((pending = search()), input.focus())));
  // Enter opens the first hit, once the query typed so far has its answer.
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await pending;
    links()[0]?.click();
  });
  // The overlay and the panel's back arrow flip the toggle; the header's magnifier
  // (narrow screens) is a button that opens the box, and gets the focus back on Escape.
  toggle.addEventListener("change", () => (toggle.checked ? input.focus() : input.blur()));
  document.querySelector(".kb-search-open")?.addEventListener("click", () => input.focus());
  // The panel is open only while focus is in it: Tab passing through the box, or a
  // click elsewhere on the page, closes it, so it never dims or covers what the
  // reader turned to. A click on the panel's own text keeps the focus where it is.
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget)) close();
  });
  box.addEventListener("mousedown", (event) => {
    if (!event.target.closest("a, input, button, label")) event.preventDefault();
  });

  box.addEventListener("keydown", (event) => {
    const items = stops();
    const at = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = at + step;
      (next < 0 ? input : items[Math.min(next, items.length - 1)]).focus();
    }
  });
  // Escape closes the panel wherever focus is, and returns focus where it came from.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    event.preventDefault();
    close({ restore: true });
    // Came from nowhere focusable (a shortcut key on the page): the page itself.
    if (box.contains(document.activeElement)) document.activeElement.blur();
  });

  // Like Material: "/", "s" or "f" anywhere outside a form field opens search.
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || toggle.checked) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      const from = document.activeElement;
      input.focus();
      if (from && from !== document.body && !box.contains(from)) cameFrom = from;
    }
  });
}

function item(result) {
  const li = document.createElement("li");
  li.className = "md-search-result__item";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = result.url;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const icon = document.createElement("div");
  icon.className = "md-search-result__icon md-icon";
  const title = document.createElement("h1");
  title.textContent = result.meta.title;
  const excerpt = document.createElement("p");
  excerpt.append(...excerptOf(result));
  article.append(icon, title, excerpt);
  link.append(article);
  li.append(link);
  return li;
}

// The words around the best match in the page's own text, matches marked; built as
// text nodes, never HTML. Pagefind's ready-made excerpt would come from the hidden
// keywords when they hold the best match: a page matched by its keywords alone shows
// its description instead.
function excerptOf(result) {
  const words = result.content.split(/[\r\n\s]+/g);
  const body = words.length - Number(result.meta.keyword_words ?? 0);
  const found = result.weighted_locations.filter((w) => w.location < body && w.weight < KEYWORD_WEIGHT);
  if (!found.length) return [result.meta.description ?? ""];
  const best = found.reduce((a, b) => (b.balanced_score > a.balanced_score ? b : a)).location;
  const start = Math.max(0, Math.min(best - Math.floor(EXCERPT_WORDS / 3), body - EXCERPT_WORDS));
  const marked = new Set(result.locations);
  const nodes = [];
  for (let at = start; at < Math.min(body, start + EXCERPT_WORDS); at++) {
    if (nodes.length) nodes.push(" ");
    if (marked.has(at)) {
      const mark = document.createElement("mark");
      mark.textContent = words[at];
      nodes.push(mark);
    } else nodes.push(words[at]);
  }
  return nodes;
}
