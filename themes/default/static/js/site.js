// 适老化: the 大字 / 标准 switch. Without JavaScript the page keeps the standard size and
// the button stays hidden. The choice is remembered in localStorage.
(function () {
  "use strict";
  var KEY = "tongwen-text";
  var root = document.documentElement;
  var button = document.querySelector("[data-text-size]");
  if (!button) {
    return;
  }
  function show(large) {
    root.classList.toggle("text-large", large);
    button.textContent = large ? button.getAttribute("data-standard") : button.getAttribute("data-large");
  }
  button.addEventListener("click", function () {
    var large = !root.classList.contains("text-large");
    show(large);
    try {
      localStorage.setItem(KEY, large ? "large" : "standard");
    } catch (e) {
      // Private browsing may refuse storage: the switch still works for this page.
    }
  });
  show(root.classList.contains("text-large"));
  button.hidden = false;
})();
