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

// 分享: "复制链接" copies the page's address; where the clipboard is refused (file://,
// old browsers) the address field is selected so that it can be copied by hand.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-copy-link]");
  Array.prototype.forEach.call(buttons, function (button) {
    var box = button.parentNode;
    var field = box.querySelector(".share-url");
    var status = box.querySelector(".share-status");
    function done() {
      if (status) {
        status.textContent = button.getAttribute("data-done");
      }
    }
    function byHand() {
      if (!field) {
        return;
      }
      field.focus();
      field.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (e) {
        // The address stays selected for the reader to copy.
      }
      if (copied) {
        done();
      } else if (status) {
        status.textContent = button.getAttribute("data-manual");
      }
    }
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, byHand);
      } else {
        byHand();
      }
    });
  });
})();
