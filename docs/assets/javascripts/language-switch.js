/* The header's language links name the page first loaded (overrides/partials/alternate.html), and
 * instant navigation swaps only what is below the header. Before a link is followed (hover, touch,
 * focus or click), point it at the translation the current page names in its footer
 * (overrides/partials/page-meta.html). Inlined after the links by explainer/inline_assets.py. */
{
  const list = document.currentScript.previousElementSibling.querySelector(".md-select__list");
  const follow = (event) => {
    const link = event.target.closest("a[hreflang]");
    const own = link && document.querySelector(`.page-meta a[hreflang="${link.hreflang}"]`);
    if (own) link.href = own.href;
  };
  for (const type of ["pointerover", "focusin", "click"]) list.addEventListener(type, follow);
}
