/* Instant navigation rewrites every relative href on the page to an absolute URL when Material starts.
 * For a stylesheet <link> that is a new URL string: Chromium parses the sheet again and restyles the
 * whole page inside Material's start-up task (issue 14, BENCHMARKS.md). Doing the same rewrite here,
 * at the end of <head> (inlined by explainer/inline_assets.py), happens before the first style
 * calculation, where it costs next to nothing; Material then finds the URLs absolute and leaves them. */
for (const link of document.head.querySelectorAll("link[href]")) {
  link.setAttribute("href", link.href); // the resolved, absolute URL
}
