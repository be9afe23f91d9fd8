/* Glossary definitions (<abbr title>, from includes/glossary.md) on hover, keyboard focus and tap.
 * Replaces Material's content.tooltips, which measures every [title] on the page at start-up and
 * cost ~77 ms of blocking time on the home page (issue 14, BENCHMARKS.md). Without JavaScript the
 * title stays, and the browser's own tooltip shows it. */
(() => {
  const TIP_ID = "glossary-tip";
  let tip = null;
  let shownFor = null;

  function tooltip() {
    // Instant navigation may swap the body's contents: recreate the element when it went away.
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.id = TIP_ID;
      tip.className = "glossary-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.append(tip);
    }
    return tip;
  }

  function show(abbr) {
    const box = tooltip();
    box.textContent = abbr.dataset.definition;
    box.hidden = false;
    abbr.setAttribute("aria-describedby", TIP_ID);
    const term = abbr.getBoundingClientRect();
    const margin = 8;
    const left = Math.min(term.left, document.documentElement.clientWidth - box.offsetWidth - margin);
    box.style.left = `${Math.max(margin, left) + window.scrollX}px`;
    box.style.top = `${term.bottom + window.scrollY + 6}px`;
    shownFor = abbr;
  }

  function hide() {
    if (!shownFor) return;
    shownFor.removeAttribute("aria-describedby");
    tooltip().hidden = true;
    shownFor = null;
  }

  // The title moves to data-definition so the native tooltip does not double ours; the term
  // becomes focusable so keyboard readers reach the definition too.
  function enhance() {
    for (const abbr of document.querySelectorAll(".md-content abbr[title]")) {
      abbr.dataset.definition = abbr.title;
      abbr.removeAttribute("title");
      abbr.tabIndex = 0;
    }
    hide();
  }

  const term = (event) => event.target.closest?.("abbr[data-definition]");
  // Listeners on the document, once: they outlive instant navigation's content swaps.
  document.addEventListener("mouseover", (event) => term(event) && show(term(event)));
  document.addEventListener("mouseout", (event) => term(event) === shownFor && hide());
  document.addEventListener("focusin", (event) => (term(event) ? show(term(event)) : hide()));
  document.addEventListener("focusout", (event) => term(event) === shownFor && hide());
  document.addEventListener("click", (event) => (term(event) ? show(term(event)) : hide()));
  document.addEventListener("keydown", (event) => event.key === "Escape" && hide());

  if (window.document$) window.document$.subscribe(enhance);
  else enhance();
})();
