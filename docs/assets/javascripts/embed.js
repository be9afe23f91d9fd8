// The embeddable chart tells its host page how tall it is, so the host's iframe fits it with no
// inner scrollbar at any width (the host-side listener is part of the offered embed code).
(function () {
  "use strict";
  if (window.parent === window) return;
  var MESSAGE_TYPE = "ishiba-trump:embed-height";
  var last = 0;
  function post() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The height is not a secret, and the host's origin is unknown: any host may read it.
    window.parent.postMessage({ type: MESSAGE_TYPE, height: height }, "*");
  }
  if ("ResizeObserver" in window) new ResizeObserver(post).observe(document.body);
  window.addEventListener("load", post);
  window.addEventListener("resize", post);
  post();
})();
