// Small enhancements that every page can use; each page works without them.
(function () {
  "use strict";
  // After a failed form, move focus to the error summary so screen readers announce it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
