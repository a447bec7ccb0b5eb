/*
 * A guide's "may be out of date" notice, once its review date has passed, even if the
 * site has not been rebuilt since. The build writes the date on the freshness block as
 * data-wt-review-by and the notice, worded in the page's language, in a <template>
 * beside it (wikitool/mkdocs_plugin/changes.py, render_freshness); when the date had
 * already passed at build time, the build shows the notice itself. No server is asked.
 *
 * Also what the theme's other scripts share, as window.Wikitool: this file is loaded
 * on every page, before them.
 */
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  /*
   * Ask the intake (README, "The intake API"): GET `path`, or POST `body` as JSON, under
   * the intake's base URL, without cookies. Resolves to {status, ok, data}, data being
   * {} when the answer is not JSON; rejects when the service cannot be reached.
   */
  function askIntake(intake, path, body) {
    var options = { mode: "cors", credentials: "omit", headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(new URL(path, new URL(intake, window.location.href)).href, options)
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { status: response.status, ok: response.ok, data: data || {} };
        });
      });
  }

  /*
   * A click on a link of an error summary or of "What you changed" (`a[data-wt-field]`,
   * naming a field's id) focuses that field and scrolls it into view, as GOV.UK's error
   * summary does, rather than jumping to the fragment under a sticky header.
   */
  function focusField(event) {
    var target = event.target.closest ? event.target.closest("a[data-wt-field]") : null;
    if (!target) return;
    var field = document.getElementById(target.getAttribute("data-wt-field"));
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  }

  var COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
  var SOURCE_ATTEMPTS = 3;

  /*
   * A guide's source for the suggestion page (`sources` + <path>.json) and the commit it
   * is the guide at, the suggestion's base (wikitool/mkdocs_plugin/suggest_pages.py).
   * A source holds no commit (it is the same file in every release until the guide
   * changes), so `sources` + commit.txt is read after it: the commit the page named
   * (`base`) means no publish came in between and the source is the guide at it; another
   * one means the site moved on, and the source is loaded again. Resolves to
   * {source, base} (base "" when the site does not know its commit); rejects with an
   * Error whose `status` is the source's HTTP status (undefined: not reached or not JSON).
   */
  function loadSource(sources, guide, base) {
    // "no-cache": a copy the browser kept may be older than the commit the page names.
    var fresh = { credentials: "same-origin", cache: "no-cache" };
    function published(expected) {
      return fetch(sources + "commit.txt", fresh).then(function (response) {
        return response.ok ? response.text() : "";
      }, function () {
        return "";
      }).then(function (text) {
        text = String(text).trim();
        return COMMIT.test(text) ? text : expected;
      });
    }
    function attempt(expected, count) {
      return fetch(sources + guide.replace(/\.md$/, ".json"), fresh).then(function (response) {
        if (!response.ok) {
          var problem = new Error("error " + response.status);
          problem.status = response.status;
          throw problem;
        }
        return response.json();
      }).then(function (source) {
        return published(expected).then(function (commit) {
          if (commit === expected || count >= SOURCE_ATTEMPTS) return { source: source, base: commit };
          return attempt(commit, count + 1);
        });
      });
    }
    return attempt(COMMIT.test(base || "") ? base : "", 1);
  }

  window.Wikitool = {
    MONTHS: MONTHS, element: element, askIntake: askIntake, focusField: focusField,
    loadSource: loadSource
  };

  var now = new Date();
  var today = now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
  var blocks = document.querySelectorAll(".wt-freshness[data-wt-review-by]");
  for (var i = 0; i < blocks.length; i++) {
    var iso = blocks[i].getAttribute("data-wt-review-by");
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!parts || parseInt(parts[1] + parts[2] + parts[3], 10) >= today) continue;
    var notice = blocks[i].querySelector("template[data-wt-review-notice]");
    if (notice) blocks[i].appendChild(notice.content.cloneNode(true));
  }
})();
