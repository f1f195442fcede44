// proeflab serve: small progressive enhancements; every page works without JavaScript.
(function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  // Open the criterion named in the URL fragment (after an override the page returns to it).
  if (location.hash) {
    var t = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (t && t.tagName === 'DETAILS') { t.open = true; t.querySelector('summary').focus(); }
  }
})();
