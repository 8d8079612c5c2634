// The language switcher leads to the section the reader is at, not to the top of the
// other language's page: every guide has the same section ids in every language, so
// the links take the current #id along (partials/alternate.html marks the list).
// Set at once and on every hash change (a contents link, Back), so what a reader
// hovers, copies or opens in a new tab is already right.

const list = document.querySelector("[data-kb-keep-section]");
if (list) {
  const links = [...list.querySelectorAll("a[hreflang]")];
  const pages = links.map((link) => link.getAttribute("href").split("#")[0]);
  const follow = () => links.forEach((link, i) => link.setAttribute("href", pages[i] + location.hash));
  follow();
  window.addEventListener("hashchange", follow);
  // Material's own click handler (on the body) would send the reader to the top of the
  // page: it looks the page up in a sitemap keyed by language homes and, not finding it
  // there, drops the #id. The links already lead to the same page: the browser follows them.
  list.addEventListener("click", (event) => {
    follow();
    event.stopPropagation();
  }, true);
}
