/*
 * The situation picker of a guide with situations (wikitool/mkdocs_plugin/
 * panel_situations.py). The build renders every situation: a hidden form with a native
 * <select>, one section.wt-situation[data-situation=ID] per situation in the panel, and
 * the article's elements limited to some situations carry data-when="id1 id2". Without
 * JavaScript, and on paper, all of it shows, each situation under its own heading.
 *
 * Here the form is shown; choosing a situation shows only its section and hides every
 * [data-when] element of the article that does not list it ("" shows everything). The
 * choice is kept in the URL as ?situation=ID (history.replaceState: a link to share, no
 * new history entry) and applied when the page loads; an id the guide does not declare
 * is ignored. The table of contents loses the headings hidden. A polite status line
 * says what is shown; focus never moves.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.wt-situation-picker");
  if (!form) return;
  var select = form.querySelector("select");
  var status = form.querySelector("[role='status']");
  var HIDDEN = "wt-not-chosen";  // hidden on screen only: print.css keeps paper whole

  function declared(id) {
    for (var i = 0; i < select.options.length; i++) {
      if (id && select.options[i].value === id) return true;
    }
    return false;
  }

  function show(chosen) {
    var sections = document.querySelectorAll(".wt-situation[data-situation]");
    for (var i = 0; i < sections.length; i++) {
      var other = chosen !== "" && sections[i].getAttribute("data-situation") !== chosen;
      sections[i].classList.toggle(HIDDEN, other);
    }
    // Queried at each choice: whatever the article marks is filtered, however it got there.
    var limited = document.querySelectorAll("article [data-when]");
    for (var j = 0; j < limited.length; j++) {
      var ids = (limited[j].getAttribute("data-when") || "").split(/\s+/);
      limited[j].classList.toggle(HIDDEN, chosen !== "" && ids.indexOf(chosen) < 0);
    }
    // The table of contents does not point at a heading the choice hid.
    var links = document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']");
    for (var k = 0; k < links.length; k++) {
      var target = document.getElementById(decodeURIComponent(links[k].hash.slice(1)));
      var item = links[k].closest("li") || links[k];
      item.classList.toggle(HIDDEN, Boolean(target && target.closest("." + HIDDEN)));
    }
  }

  function announce(chosen) {
    if (!status) return;
    var label = select.options[select.selectedIndex].text;
    status.textContent = chosen === ""
      ? status.getAttribute("data-wt-every")
      // A function, so a "$&" in the label is text, not a replacement pattern.
      : status.getAttribute("data-wt-one").replace("{situation}", function () { return label; });
  }

  function remember(chosen) {
    var url = new URL(window.location.href);
    if (chosen === "") url.searchParams.delete("situation");
    else url.searchParams.set("situation", chosen);
    window.history.replaceState(window.history.state, "", url.href);
  }

  form.hidden = false;
  // Nothing to send: the choice is applied here, as it changes.
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  select.addEventListener("change", function () {
    show(select.value);
    remember(select.value);
    announce(select.value);
  });

  var asked = new URLSearchParams(window.location.search).get("situation");
  if (declared(asked)) {
    select.value = asked;
    show(asked);
  }
})();
