/*
 * Progressive enhancement of the deficit chart.
 *
 * The page ships a static SVG of the chart, a data table and download links; they work without
 * JavaScript. This script swaps the image for an interactive Plotly chart only when the reader
 * reaches for it (pointer over it, keyboard focus in it, or a tap), so
 * plotly.js (about 400 KB gzipped) costs nothing on first load. It runs on every page through
 * Material's document$ observable, which also fires after instant navigation.
 */
(() => {
  "use strict";

  // Resolved against this script's own URL, so the site works under any subpath.
  const PLOTLY_URL = new URL("vendor/plotly-basic-4.1.1.min.js", document.currentScript.src).href;
  const FIGURE_URL = new URL("../charts/figure.json", document.currentScript.src).href;

  // Each language publishes its own figure (ja/assets/charts/ for Japanese pages, which share this
  // script): the page names it, and its words, on the actions block (explainer/chart_actions.py).
  function figureUrl(chart) {
    const actions = chart.querySelector(".deficit-chart__actions[data-figure-url]");
    return actions ? new URL(actions.dataset.figureUrl, location.href).href : FIGURE_URL;
  }

  function words(element) {
    const data = (element && element.closest(".deficit-chart__actions")?.dataset) || {};
    return {
      copied: data.linkCopied || "Link copied.",
      prompt: data.copyPrompt || "Copy this link: ",
    };
  }
  const NARROW = window.matchMedia("(max-width: 600px)");
  const ROLES = ["bar", "highlight", "bloc"];
  const live = new Set(); // plot nodes currently drawn
  let plotlyPromise = null;

  function loadPlotly() {
    if (!plotlyPromise) {
      plotlyPromise = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.async = true;
        script.onload = () => {
          adoptPlotlyStyles();
          resolve(window.Plotly);
        };
        script.onerror = () => {
          plotlyPromise = null;
          reject(new Error("plotly.js failed to load"));
        };
        document.head.appendChild(script);
      });
    }
    return plotlyPromise;
  }

  // plotly.js puts its global rules (modebar, hover) in a <style> in <head>. Instant navigation
  // drops head nodes the next page lacks, so keep a copy where navigation cannot reach it.
  function adoptPlotlyStyles() {
    const css = [...document.querySelectorAll('style[id^="plotly.js-style"]')]
      .flatMap((style) => [...style.sheet.cssRules].map((rule) => rule.cssText))
      .join("\n");
    if (!css || !("adoptedStyleSheets" in document)) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }

  function palette(node) {
    const style = getComputedStyle(node);
    const read = (name) => style.getPropertyValue(`--chart-${name}`).trim();
    return Object.fromEntries(["text", "muted", "grid", ...ROLES].map((n) => [n, read(n)]));
  }

  // Plotly draws colours as SVG attributes, so a palette switch is a restyle plus a relayout.
  function applyTheme(plot) {
    const colours = palette(plot);
    if (!colours.text) return;
    plot.data.forEach((trace, index) => {
      const colour = colours[trace.meta && trace.meta.role] || colours.bar;
      const update = {
        "marker.line.color": colour,
        "textfont.color": colours.text,
      };
      if (trace.meta && trace.meta.role === "bloc") update["marker.pattern.fgcolor"] = colour;
      else update["marker.color"] = colour;
      window.Plotly.restyle(plot, update, [index]);
    });
    window.Plotly.relayout(plot, {
      "font.color": colours.text,
      "xaxis.gridcolor": colours.grid,
      "xaxis.zerolinecolor": colours.muted,
      "xaxis.tickfont.color": colours.muted,
      "xaxis.title.font.color": colours.muted,
    });
  }

  function applyWidth(plot) {
    const sizes = plot._deficitLayouts;
    window.Plotly.relayout(plot, NARROW.matches ? sizes.narrow : sizes.wide);
  }

  async function activate(chart) {
    if (chart.dataset.state) return;
    chart.dataset.state = "loading";
    const url = figureUrl(chart);
    try {
      const [Plotly, doc] = await Promise.all([
        loadPlotly(),
        fetch(url).then((response) => {
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return response.json();
        }),
      ]);
      if (!chart.isConnected) return; // the reader navigated away meanwhile
      const frame = chart.querySelector(".deficit-chart__frame");
      const plot = document.createElement("div");
      plot.className = "deficit-chart__plot";
      // Screen readers get the text alternative and the table, not Plotly's SVG internals.
      plot.setAttribute("aria-hidden", "true");
      frame.appendChild(plot);
      const layout = doc.figure.layout;
      const wide = {};
      Object.keys(doc.narrow).forEach((key) => {
        wide[key] = key.split(".").reduce((value, part) => (value == null ? null : value[part]), layout);
      });
      plot._deficitLayouts = { narrow: doc.narrow, wide };
      // No modebar: the page has its own PNG, SVG and CSV downloads, and the modebar's buttons
      // would be focusable inside the aria-hidden plot. Its cloud links go off-site, so off too.
      await Plotly.newPlot(plot, doc.figure.data, { ...layout, autosize: true }, {
        responsive: true,
        displayModeBar: false,
        displaylogo: false,
        showSendToCloud: false,
        showEditInChartStudio: false,
        showLink: false,
        // Belt and braces: with no server URL, plotly.js sends nothing to Chart Studio even if a
        // control that would is ever switched back on.
        plotlyServerURL: "",
      });
      applyWidth(plot);
      applyTheme(plot);
      live.add(plot);
      chart.classList.add("is-interactive");
      chart.dataset.state = "interactive";
    } catch (error) {
      chart.dataset.state = "";
      console.warn("Interactive chart unavailable; the static image stays.", error);
    }
  }

  function enhance(chart) {
    if (chart.dataset.enhanced) return;
    chart.dataset.enhanced = "true";
    const go = () => activate(chart);
    for (const type of ["pointerenter", "focusin", "touchstart"]) {
      chart.addEventListener(type, go, { once: true, passive: true });
    }
    // Without JavaScript the control is a plain permalink. With it, it becomes a button that
    // copies the link (a link would also trigger Material's instant navigation).
    const link = chart.querySelector("a.deficit-chart__copy");
    if (link && navigator.clipboard) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.textContent = link.textContent;
      button.dataset.href = new URL(link.getAttribute("href"), location.href).href;
      button.addEventListener("click", () => copyLink(button));
      link.replaceWith(button);
    }
  }

  async function copyLink(button) {
    const status = button.parentElement.querySelector(".deficit-chart__status");
    try {
      await navigator.clipboard.writeText(button.dataset.href);
      if (status) status.textContent = words(button).copied;
    } catch {
      if (status) status.textContent = `${words(button).prompt}${button.dataset.href}`;
    }
  }

  // Plots whose page is gone are purged, which also removes their window resize listeners.
  function purgeDetached() {
    for (const plot of live) {
      if (!plot.isConnected) {
        window.Plotly.purge(plot);
        live.delete(plot);
      }
    }
  }

  function onPage() {
    purgeDetached();
    document.querySelectorAll(".deficit-chart").forEach(enhance);
  }

  new MutationObserver(() => live.forEach(applyTheme)).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
  NARROW.addEventListener("change", () => live.forEach(applyWidth));

  if (window.document$) window.document$.subscribe(onPage);
  else document.addEventListener("DOMContentLoaded", onPage);
})();
