// Small keyboard, phone and print fixes for every page (texts come from the
// data file through the <script> element's data attributes, in the page language).

const texts = document.querySelector("script[data-table-scrolls]")?.dataset ?? {};

// The palette toggle: each button stands for the radio input of the scheme it
// switches to; Material listens to the inputs' change events, then focuses the
// (invisible) input: the button shown after it, the other scheme's, takes the
// focus instead, so the reader can switch back.
for (const toggle of document.querySelectorAll(".kb-palette")) {
  toggle.addEventListener("click", () => {
    const input = document.getElementById(toggle.dataset.for);
    input.checked = true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
// Later, not at once: the key that pressed the toggle must not press the new button too.
for (const input of document.querySelectorAll(".md-option")) {
  input.addEventListener("focus", () => setTimeout(() => input.nextElementSibling?.focus()));
}

// A table wider than the column scrolls sideways: the region then takes focus
// (arrow keys scroll it), is named after the table's first heading cell or the
// section it sits in, and shows a shadow where more columns wait (kb.css).
function markScrollRegions() {
  for (const region of document.querySelectorAll(".md-typeset__scrollwrap")) {
    const scrolls = region.scrollWidth > region.clientWidth + 1;
    region.toggleAttribute("data-kb-scrolls", scrolls);
    if (scrolls) {
      const heading = region.closest("article")
        ? [...document.querySelectorAll("article h2, article h1")]
          .filter((h) => h.compareDocumentPosition(region) & Node.DOCUMENT_POSITION_FOLLOWING).pop()
        : null;
      const name = (heading?.textContent ?? region.querySelector("th")?.textContent ?? "").replace("¶", "").trim();
      region.tabIndex = 0;
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", (texts.tableScrolls ?? "{name}").replace("{name}", name));
    } else {
      region.removeAttribute("tabindex");
      region.removeAttribute("role");
      region.removeAttribute("aria-label");
    }
  }
}
// Material wraps tables after its own scripts run; check once it has, and on resize.
requestAnimationFrame(markScrollRegions);
window.addEventListener("load", markScrollRegions);
new ResizeObserver(() => markScrollRegions()).observe(document.body);

// Printed links show where they lead: the full address, not a path relative to the page.
for (const link of document.querySelectorAll(".md-content a[href]:not(.headerlink, .md-button)")) {
  if (!link.getAttribute("href").startsWith("#")) link.dataset.kbPrintHref = link.href;
}

// A printed checker is a dead form: print one line saying where it works instead.
for (const widget of document.querySelectorAll(".mailcheck")) {
  const line = document.createElement("p");
  line.className = "kb-print-only";
  line.textContent = (texts.printChecker ?? "{url}").replace("{url}", location.href.split("#")[0]);
  widget.append(line);
}
