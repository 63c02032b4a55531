// "Copy section" on the portal's breach page: puts one section of the authority draft on
// the clipboard as "question: answer" lines. Without JavaScript the buttons stay hidden.
(function () {
  "use strict";
  function sectionText(section) {
    var lines = [section.querySelector("h3").textContent.trim()];
    section.querySelectorAll("dt").forEach(function (dt) {
      var dd = dt.nextElementSibling;
      lines.push(dt.textContent.trim() + ": " + (dd ? dd.textContent.trim() : ""));
    });
    return lines.join("\n");
  }
  function init() {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var section = document.getElementById(button.dataset.copy);
        navigator.clipboard.writeText(sectionText(section)).then(function () {
          button.textContent = button.dataset.copied;
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
