// The language switcher leads to the section the reader is at, not to the top of the
// other language's page: every guide has the same section ids in every language, so
// the links take the current #id along (partials/alternate.html marks the list).
// Set at once, on every hash change (a contents link, Back) and again on click, so
// what a reader hovers, copies or opens in a new tab is already right.

const list = document.querySelector("[data-kb-keep-section]");
if (list) {
  const links = [...list.querySelectorAll("a[hreflang]")];
  const pages = links.map((link) => link.getAttribute("href").split("#")[0]);
  const follow = () => links.forEach((link, i) => link.setAttribute("href", pages[i] + location.hash));
  follow();
  window.addEventListener("hashchange", follow);
  list.addEventListener("click", follow, true);
}
