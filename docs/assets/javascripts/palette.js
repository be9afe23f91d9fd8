/* The light/dark/system toggle, in place of Material's palette component (inlined into the header
 * by explainer/inline_assets.py, right after the toggle's form).
 *
 * Material's component re-applies the stored palette on every page load: it marks <body> as switching,
 * reads the header's computed style for the theme-color <meta> (a forced style calculation of the whole
 * page), sets a color-scheme <meta>, then unmarks <body>: three full-page restyles inside its start-up
 * task, ~190 ms of blocking time on the home page (issue 14, BENCHMARKS.md). Here start-up runs before
 * the page below the header is parsed, so it restyles nothing; that work happens when a reader
 * switches. Same markup, same stored preference (Material's __palette key), same keys. */
/* global __md_get, __md_set -- Material's storage helpers, defined inline in every page's <head> */
(() => {
  const form = document.currentScript.previousElementSibling;
  const inputs = [...form.querySelectorAll("input")];
  const light = matchMedia("(prefers-color-scheme: light)");
  const AUTO = "(prefers-color-scheme)";
  const stored = __md_get("__palette");
  let index = stored
    ? Math.max(0, Math.min(stored.index, inputs.length - 1))
    : Math.max(0, inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches));

  function colours(input) {
    // "Follow the system": the colours of the light or the dark option, whichever the system prefers.
    const source =
      input.dataset.mdColorMedia === AUTO
        ? form.querySelector(`[data-md-color-media="(prefers-color-scheme: ${light.matches ? "light" : "dark"})"]`)
        : input;
    return {
      media: input.dataset.mdColorMedia,
      scheme: source.dataset.mdColorScheme,
      primary: source.dataset.mdColorPrimary,
      accent: source.dataset.mdColorAccent,
    };
  }

  function themeColour() {
    // Mobile browsers tint their toolbar with the header's colour, as Material does.
    const style = getComputedStyle(document.querySelector("[data-md-component=header]"));
    const rgb = style.backgroundColor.match(/\d+/g).slice(0, 3);
    let meta = document.querySelector('meta[name="theme-color"]');
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = "theme-color";
      document.head.append(meta);
    }
    meta.content = `#${rgb.map((value) => (+value).toString(16).padStart(2, "0")).join("")}`;
  }

  function showToggle() {
    // Until the whole header is parsed the toggle stays hidden, as it did until Material started:
    // shown earlier, it would be pushed aside by the header buttons parsed after it (layout shift).
    if (document.readyState === "loading") return;
    inputs.forEach((input, i) => {
      const label = input.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
  }

  function apply(switching) {
    const color = colours(inputs[index]);
    if (switching) document.body.setAttribute("data-md-color-switching", "");
    for (const [key, value] of Object.entries(color)) {
      if (document.body.getAttribute(`data-md-color-${key}`) !== value) {
        document.body.setAttribute(`data-md-color-${key}`, value);
      }
    }
    showToggle();
    __md_set("__palette", { index, color });
    if (switching) {
      themeColour();
      // Material's stylesheet turns transitions off while [data-md-color-switching] is set.
      setTimeout(() => document.body.removeAttribute("data-md-color-switching"));
    }
  }

  apply(false);
  document.addEventListener("DOMContentLoaded", showToggle, { once: true });
  form.addEventListener("change", (event) => {
    index = inputs.indexOf(event.target);
    apply(true);
  });
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const next = inputs[(index + 1) % inputs.length];
    next.click();
    next.focus();
  });
  light.addEventListener("change", () => {
    if (inputs[index].dataset.mdColorMedia === AUTO) apply(true);
  });
  // The toolbar colour once the page has settled: by then the header's style is already computed.
  addEventListener("load", () => setTimeout(themeColour), { once: true });
})();
