// Small enhancements that every page can use; each page works without them.
(function () {
  "use strict";
  // After a failed form, move focus to the error summary so screen readers announce it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Copy buttons for the bank transfer details: shown only where the browser can copy.
  var copyStatus = document.querySelector("[data-copy-status]");
  if (navigator.clipboard && copyStatus) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var value = document.getElementById(button.getAttribute("data-copy"));
        var text = value.textContent.replace(/\s+/g, button.getAttribute("data-copy") === "value-name" ? " " : "").trim();
        navigator.clipboard.writeText(text).then(function () {
          copyStatus.textContent = button.closest("[data-copied]").getAttribute("data-copied");
        });
      });
    });
  }

  // Typing an amount means paying that part: choose its option, so the typed amount is not paid in full by mistake.
  Array.prototype.forEach.call(document.querySelectorAll("[data-choose]"), function (input) {
    input.addEventListener("input", function () {
      var option = document.getElementById(input.getAttribute("data-choose"));
      if (option && input.value.trim() !== "") option.checked = true;
    });
  });
})();
