// Share and cite, on every page: the system share sheet where there is one (Web Share API), else
// the link is copied and the status line says so; citations get a copy button that fills in the
// reader's "accessed" date. Material's instant navigation swaps the page without a load event, so
// this runs on every `document$` emission and binds each control once.
(function () {
  "use strict";
  var ACCESSED_PLACEHOLDER = "[date you read it]";
  // The page's language picks the messages (the Japanese edition is built under ja/).
  var MESSAGES = {
    en: { copyThis: "Copy this: ", linkCopied: "Link copied: ", copy: "Copy", citationCopied: "Citation copied." },
    ja: {
      copyThis: "次をコピーしてください：",
      linkCopied: "リンクをコピーしました：",
      copy: "コピー",
      citationCopied: "引用をコピーしました。",
    },
  };

  function message(key) {
    return (MESSAGES[document.documentElement.lang] || MESSAGES.en)[key];
  }

  function say(status, text) {
    if (status) status.textContent = text;
  }

  async function copy(text, status, done) {
    try {
      await navigator.clipboard.writeText(text);
      say(status, done);
    } catch {
      say(status, message("copyThis") + text);
    }
  }

  async function share(button) {
    var status = button.parentElement.querySelector("[role=status]");
    var data = { title: button.dataset.shareTitle, url: button.dataset.shareUrl };
    if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
      try {
        await navigator.share(data);
        return;
      } catch (error) {
        if (error && error.name === "AbortError") return; // the reader closed the sheet
      }
    }
    await copy(data.url, status, message("linkCopied") + data.url);
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  // Material's instant navigation makes internal links absolute; print.css writes out only the
  // addresses of links that leave the site, so mark the ones that stay.
  function markInternalLinks() {
    document.querySelectorAll(".md-content a[href^='http']:not([data-internal])").forEach(function (a) {
      if (new URL(a.href).origin === location.origin) a.dataset.internal = "";
    });
  }

  function bind() {
    markInternalLinks();
    document.querySelectorAll("button.page-meta__share:not([data-bound])").forEach(function (button) {
      button.dataset.bound = "";
      button.hidden = false;
      button.addEventListener("click", function () {
        share(button);
      });
    });
    if (!navigator.clipboard) return;
    document
      .querySelectorAll(".page-meta__cite pre:not([data-bound]), .cite-block pre:not([data-bound])")
      .forEach(function (pre) {
        pre.dataset.bound = "";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button cite-copy";
        button.textContent = message("copy");
        var status = document.createElement("span");
        status.setAttribute("role", "status");
        status.className = "cite-status";
        pre.after(button, status);
        button.addEventListener("click", function () {
          var text = pre.textContent.split(ACCESSED_PLACEHOLDER).join(today());
          copy(text, status, message("citationCopied"));
        });
      });
  }

  window.addEventListener("beforeprint", markInternalLinks);
  if (window.document$) window.document$.subscribe(bind);
  else document.addEventListener("DOMContentLoaded", bind);
})();
