/* The header's language links name the page first loaded (overrides/partials/alternate.html), and
 * instant navigation swaps only what is below the header. Before a link is followed (hover, touch,
 * focus or click), point it at the translation the current page names in its footer
 * (overrides/partials/page-meta.html). Inlined into <head> by explainer/inline_assets.py, listening on
 * the document: a script inside the header would let the browser paint the header half-parsed, and
 * the search box parsed after it would then push the language selector aside (a layout shift). */
{
  const follow = (event) => {
    const link = event.target instanceof Element && event.target.closest(".md-select__list a[hreflang]");
    const own = link && document.querySelector(`.page-meta a[hreflang="${link.hreflang}"]`);
    if (own) link.href = own.href;
  };
  for (const type of ["pointerover", "focusin", "click"]) {
    document.addEventListener(type, follow, { capture: true, passive: true });
  }
}
