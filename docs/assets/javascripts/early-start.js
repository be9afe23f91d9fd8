/* Two things Material's bundle does when it starts, done here at the end of <head> (inlined by
 * explainer/inline_assets.py), before the first style calculation, where they cost next to nothing.
 * Inside Material's start-up task each one restyles the whole page (issue 14, BENCHMARKS.md). */

// Instant navigation rewrites every relative href to an absolute URL. For a stylesheet <link> that
// is a new URL string: Chromium parses the sheet again. Material leaves absolute URLs alone.
for (const link of document.head.querySelectorAll("link[href]")) {
  link.setAttribute("href", link.href); // the resolved, absolute URL
}

// Material swaps <html class="no-js"> for "js". Swapped only when the bundle runs, the search button
// (hidden under .no-js) appeared late and pushed the language selector aside: a layout shift.
// Without JavaScript this never runs and the page keeps its no-JS layout.
document.documentElement.classList.replace("no-js", "js");
