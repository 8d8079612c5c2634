// Material looks for "sitemap.xml" next to every <link rel="alternate">, expecting
// language homes; the i18n plugin points them at the translated page, where no
// sitemap exists (a 404 per language on every page). Send those look-ups to the
// sitemap of the language instead: the same data, and no request for a missing file.
// A classic script (not a module) so that it runs before Material's bundle; the
// sitemaps come in its data-sitemaps attribute, so the page needs no inline script
// and a strict Content-Security-Policy keeps working.
(() => {
  const sitemaps = JSON.parse(document.currentScript.dataset.sitemaps);
  const moved = new Map();
  for (const link of document.querySelectorAll("link[rel=alternate][hreflang]")) {
    if (sitemaps[link.hreflang]) {
      moved.set(new URL("sitemap.xml", link.href).href, new URL(sitemaps[link.hreflang], document.baseURI).href);
    }
  }
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    return open.call(this, method, moved.get(new URL(url, document.baseURI).href) ?? url, ...rest);
  };
})();
