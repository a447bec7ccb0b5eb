/*
 * The report form on the suggestion page (wikitool/mkdocs_plugin/report_form.py):
 * /suggest/?guide=<path>&report=1[&field=<what it is about>].
 *
 * "Is something wrong on this page?" said in words, without proposing new text: fills
 * "Which part of the guide?" with the guide's own choices (its source's `about`, written
 * by the build: report_choices.py), chooses the one the link names (`field`, in the
 * `changes` syntax: fees[0], fees[0].amount, steps[3]), and posts {kind: "report", guide,
 * base, about, summary, rationale} to the intake's /api/suggestions (README, "Reports"),
 * then shows the report's number and tracking link. Its words come from the build, in
 * the site's language (data-wt-say-*). Nothing is sent anywhere else.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-wt-report]");
  if (!box) return;
  var params = new URLSearchParams(window.location.search);
  var GUIDE = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;
  var guide = params.get("guide") || "";
  var intake = box.getAttribute("data-wt-intake") || "";
  if (params.get("report") !== "1" || !intake || !GUIDE.test(guide) || guide.length > 200) return;

  function $(id) {
    return document.getElementById("__wt-report-" + id);
  }

  var form = $("form");
  var about = $("about");
  var summary = $("summary");
  var rationale = $("rationale");
  var honeypot = $("website");
  var send = form.querySelector("button[type='submit']");
  var errors = $("errors");
  var errorList = $("errors-list");
  var element = window.Wikitool.element;
  var source = null;

  function say(key, values) {
    var text = box.getAttribute("data-wt-say-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("{" + name + "}", function () { return values[name]; });
    });
    return text;
  }

  // The base a report is about: the commit the page was built from, unless a publish
  // came in between (Wikitool.loadSource).
  var base = box.getAttribute("data-wt-base") || "";
  window.Wikitool.loadSource(box.getAttribute("data-wt-sources"), guide, base)
    .then(function (loaded) {
      base = loaded.base;
      start(loaded.source);
    }, function () {
      // The suggestion page says the guide could not be loaded; no form that cannot work.
    });

  function start(loaded) {
    source = loaded;
    var groups = source.about || [];
    for (var g = 0; g < groups.length; g++) {
      var group = element("optgroup");
      group.label = groups[g].group;
      var choices = groups[g].choices || [];
      for (var c = 0; c < choices.length; c++) {
        var option = element("option", "", choices[c].label);
        option.value = choices[c].about;
        group.appendChild(option);
      }
      about.appendChild(group);
    }
    choose(params.get("field"));
    box.hidden = false;
    form.addEventListener("submit", submit);
    errorList.addEventListener("click", window.Wikitool.focusField);
  }

  /* The most precise choice the link's field falls under: fees[0].amount -> fees[0]. */
  function choose(field) {
    if (!field) return;
    field = field.replace(/\.(\d+)(?=\.|\[|$)/g, "[$1]"); // fees.2 -> fees[2]
    var best = null;
    for (var i = 0; i < about.options.length; i++) {
      var value = about.options[i].value;
      if (!value) continue;
      var under = field === value || field.indexOf(value + ".") === 0 || field.indexOf(value + "[") === 0;
      if (under && (!best || value.length > best.length)) best = value;
    }
    if (best) about.value = best;
  }

  function submit(event) {
    event.preventDefault();
    clearProblems();
    var words = summary.value.trim();
    if (!words) {
      showProblems([{ field: summary, text: say("empty") }]);
      return;
    }
    var body = { kind: "report", guide: source.guide, summary: words, website: honeypot ? honeypot.value : "" };
    if (base) body.base = base;
    if (about.value) body.about = about.value;
    if (rationale.value.trim()) body.rationale = rationale.value.trim();
    var label = send.textContent;
    send.disabled = true;
    send.textContent = say("sending");
    form.setAttribute("aria-busy", "true");
    window.Wikitool.askIntake(intake, "api/suggestions", body)
      .then(function (answer) {
        if (answer.status === 201 && answer.data && answer.data.id) sent(answer.data);
        else showProblems([{ text: say("refused", { error: answer.data.error || "error " + answer.status }) }]);
      }, function () {
        showProblems([{ text: say("offline") }]);
      })
      .then(function () {
        send.disabled = false;
        send.textContent = label;
        form.removeAttribute("aria-busy");
      });
  }

  function sent(answer) {
    form.hidden = true;
    errors.hidden = true;
    $("done-id").textContent = answer.id;
    var notes = $("done-notes");
    notes.textContent = "";
    var warnings = answer.warnings || [];
    for (var i = 0; i < warnings.length; i++) {
      notes.appendChild(element("li", "", say("note", { warning: warnings[i] })));
    }
    notes.hidden = !warnings.length;
    var track = box.getAttribute("data-wt-track");
    var link = $("track");
    if (track) link.href = track + "?id=" + encodeURIComponent(answer.id) +
      (answer.secret ? "#secret=" + encodeURIComponent(answer.secret) : "");  // private: see track.js
    else link.parentNode.hidden = true;
    $("done").hidden = false;
    $("done-title").focus();
  }

  // -- the error summary (as the suggestion form's) -------------------------------------

  function clearProblems() {
    errors.hidden = true;
    errorList.textContent = "";
    markField(summary, "");
  }

  function markField(field, text) {
    var error = document.getElementById(field.id + "-error");
    var hint = field.id + "-hint";
    if (text) {
      error.textContent = text;
      error.hidden = false;
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", error.id + " " + hint);
    } else {
      error.hidden = true;
      field.removeAttribute("aria-invalid");
      field.setAttribute("aria-describedby", hint);
    }
  }

  function showProblems(problems) {
    errorList.textContent = "";
    for (var i = 0; i < problems.length; i++) {
      var item = element("li");
      if (problems[i].field) {
        var link = element("a", "", problems[i].text);
        link.href = "#" + problems[i].field.id;
        link.setAttribute("data-wt-field", problems[i].field.id);
        item.appendChild(link);
        markField(problems[i].field, problems[i].text);
      } else {
        item.textContent = problems[i].text;
      }
      errorList.appendChild(item);
    }
    errors.hidden = false;
    errors.focus();
  }
})();
