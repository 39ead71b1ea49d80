"use strict";
// The only script on the page (its hash is in the Content-Security-Policy). It copies fix
// snippets and opens folded sections for printing; the page reads the same without it.
(function () {
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function say(button, text, done) {
    button.textContent = text;
    button.classList.toggle("done", done);
    window.setTimeout(function () {
      button.textContent = "Copy";
      button.classList.remove("done");
    }, 2000);
  }

  document.querySelectorAll("button.copy").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy") || "");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source.textContent).then(
        function () { say(button, "Copied", true); },
        function () { say(button, "Select and copy", false); });
    });
  });

  // Printing a page with closed sections would leave them out: open them, then restore.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      reopened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
}());
