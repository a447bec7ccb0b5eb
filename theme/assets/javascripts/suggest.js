/*
 * The "Suggest an edit" page (theme/suggest.html): /suggest/?guide=<path>[&report=1].
 *
 * Loads the guide's Markdown as published (sources/<path>.json, written by the build)
 * and the commit it is the guide at, the suggestion's `base` (the page's data-wt-base,
 * checked against sources/commit.txt: Wikitool.loadSource in wikitool.js), lets the citizen change it as a form
 * (suggest-form.js; sent as a `changes` list, the changes listed in words) or, behind
 * "Edit the whole source", in a plain textarea (sent as `content`, the change shown as a
 * diff), and then either posts the suggestion to the
 * intake (`data-wt-intake`; README, "The intake API") and shows the tracking link, or,
 * on a site without an intake, downloads it as a file in the suggestion format for
 * `wikitool suggest submit`. Name and e-mail are sent only with the consent box ticked.
 * No inline handlers, no third party: the page works under a strict CSP.
 */
(function () {
  "use strict";

  var root = document.getElementById("__wt-suggest");
  if (!root) return;

  var GUIDE = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;
  var EMAIL = /^[^\s@]+@[^\s@]+$/;
  var CONTEXT_LINES = 1;
  var MAX_SHOWN_LINES = 200;
  // The intake's limit on a proposed guide (services/suggestion_input.py, MAX_CONTENT_BYTES).
  var MAX_CONTENT_BYTES = 200 * 1024;
  // The most entries a change list may hold (suggestions/changes.py, MAX_CHANGES).
  var MAX_CHANGES = 100;

  function $(id) {
    return document.getElementById("__wt-" + id);
  }

  var element = window.Wikitool.element;

  function hiddenText(text) {
    return element("span", "wt-visually-hidden", text);
  }

  var intake = root.getAttribute("data-wt-intake") || "";
  var sources = root.getAttribute("data-wt-sources") || "";
  var trackPage = root.getAttribute("data-wt-track") || "";
  var siteRoot = root.getAttribute("data-wt-root") || "";
  // The commit the site was built from: the suggestion's base ("" when not known).
  var base = root.getAttribute("data-wt-base") || "";
  var form = $("form");
  var content = $("content");
  var summary = $("summary");
  var rationale = $("rationale");
  var consent = $("consent");
  var name = $("name");
  var email = $("email");
  var credit = $("credit");
  var honeypot = $("website");
  var send = $("send");
  var errorSummary = $("errors");
  var errorList = $("errors-list");
  var diffView = $("diff");
  var diffStatus = $("diff-status");
  var sourceBox = $("source");
  var changedBox = $("changed");
  var editor = {};
  try {
    editor = JSON.parse(root.getAttribute("data-wt-editor") || "{}");
  } catch (ignored) {
    editor = {};  // no form: the whole source still works
  }
  var guideForm = null;
  var words = null;
  var named = 0;

  var noscript = document.querySelector("[data-wt-noscript]");
  if (noscript) noscript.hidden = true;
  root.hidden = false;

  var params = new URLSearchParams(window.location.search);
  var guide = params.get("guide") || "";
  var reportMode = params.get("report") === "1";
  var source = null;
  var original = "";
  var crlf = false;
  var downloadUrl = "";

  if (!GUIDE.test(guide) || guide.length > 200) {
    loadProblem(guide
      ? "The link does not name a guide of this site."
      : "The link does not say which guide to edit.");
    return;
  }

  window.Wikitool.loadSource(sources, guide, base)
    .then(function (loaded) {
      base = loaded.base;
      start(loaded.source);
    }, function (error) {
      var status = error && error.status;
      loadProblem(status === 404
        ? "This site has no guide at " + guide + ". It may have moved or been removed."
        : status
          ? "The guide could not be loaded (error " + status + ")."
          : "The guide could not be loaded. Check your internet connection and reload the page.");
    });

  function loadProblem(text) {
    $("load-problem-text").textContent = text;
    $("load-problem").hidden = false;
  }

  function start(loaded) {
    source = loaded;
    crlf = source.content.indexOf("\r\n") !== -1;
    original = source.content.replace(/\r\n/g, "\n");
    content.value = original;

    var action = reportMode ? "Report a problem" : "Suggest an edit";
    $("heading").textContent = action + ": " + source.title;
    var site = document.title.split(" - ").slice(1).join(" - ");
    document.title = action + ": " + source.title + (site ? " - " + site : "");
    var back = $("guide-link");
    back.href = siteRoot + source.url;
    back.textContent = "Back to the guide: " + source.title;
    $("done-guide").href = back.href;
    $("saved-guide").href = back.href;

    $("intro").hidden = false;
    if (reportMode) {
      root.querySelector(".wt-report-intro").hidden = false;
      var feedback = root.querySelector(".wt-report-feedback");
      if (feedback) {
        feedback.hidden = false;
        var widget = feedback.querySelector("[data-wt-feedback]");
        if (widget) widget.setAttribute("data-wt-page", source.guide);
      }
    }
    if (!intake) {
      $("offline").hidden = false;
      send.textContent = "Download suggestion file";
    }
    form.hidden = false;

    content.addEventListener("input", scheduleDiff);
    $("reset").addEventListener("click", function () {
      content.value = original;
      showDiff();
      content.focus();
    });
    startForm();
    consent.addEventListener("change", showContactFields);
    showContactFields();
    form.addEventListener("submit", submit);
    errorList.addEventListener("click", window.Wikitool.focusField);
    $("changed-list").addEventListener("click", window.Wikitool.focusField);
  }

  // -- the guide as a form ------------------------------------------------------------

  function startForm() {
    var fields = source.parts && source.parts.fields;
    var all = editor.labels || {};
    var labels = fields && (all[typeof fields.lang === "string" ? fields.lang : ""] || all[editor["default"]]);
    if (!labels || !window.WikitoolForm) {
      sourceBox.open = true;  // the guide cannot be read as parts: its source is all there is
      return;
    }
    words = labels.words;
    var box = $("guide-form");
    box.setAttribute("lang", labels.lang);
    guideForm = window.WikitoolForm.create(box, source.parts, {
      labels: labels, lang: labels.lang, currencies: editor.currencies || [], onChange: scheduleSentences
    });
    box.hidden = false;
    $("source-title").textContent = words.whole_source;
    $("source-title").setAttribute("lang", labels.lang);
    changedBox.setAttribute("lang", labels.lang);
    changedBox.hidden = false;
    content.addEventListener("input", formOrSource);
    $("reset").addEventListener("click", formOrSource);
    var field = params.get("field");
    if (field) {
      var target = guideForm.find(field);
      if (!target) {
        sourceBox.open = true;  // a field the form does not show: it is in the source
        target = content;
      }
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
  }

  var sentencesTimer = 0;

  function scheduleSentences() {
    window.clearTimeout(sentencesTimer);
    sentencesTimer = window.setTimeout(showSentences, 300);
  }

  // What the form changed, in words, each linked to its field (read politely: aria-live).
  function showSentences() {
    var list = $("changed-list");
    list.textContent = "";
    var said = formUsed() ? guideForm.sentences() : [];
    for (var i = 0; i < said.length; i++) {
      var link = element("a", "", said[i].text);
      link.href = "#" + idOf(said[i].field);
      link.setAttribute("data-wt-field", said[i].field.id);
      var item = element("li");
      item.appendChild(link);
      list.appendChild(item);
    }
    $("changed-title").textContent = words.changed_title;
    $("changed-title").hidden = !said.length;
    // The source's "You have not changed anything yet." would contradict the list.
    diffStatus.hidden = said.length > 0;
    list.hidden = !said.length;
  }

  function idOf(field) {
    if (!field.id) {
      named += 1;
      field.id = "__wt-named-" + named;
    }
    return field.id;
  }

  function sourceUsed() {
    return content.value !== original;
  }

  // The form is what is sent unless the whole source was changed, or opened with the
  // form untouched (then the source's own checks speak).
  function formUsed() {
    if (!guideForm || sourceUsed()) return false;
    return !sourceBox.open || guideForm.changes().length > 0;
  }

  function formOrSource() {
    var off = sourceUsed();
    guideForm.disable(off);
    $("source-used").textContent = off ? words.source_used : "";
    showSentences();
  }

  function formProblems() {
    var found = guideForm.problems();
    var validator = window.WikitoolGuideValidator;
    if (!found.length && validator && typeof validator.validate === "function") {
      var said = [];
      var before = {};
      try {
        said = validator.validate(guideForm.frontMatter()) || [];
        // What the guide already had is not the citizen's to fix: only new problems stop them.
        (validator.validate(source.parts.fields) || []).forEach(function (problem) {
          before[problem.field + "\n" + problem.message] = true;
        });
      } catch (ignored) {
        said = [];  // the server checks everything again
      }
      for (var i = 0; i < said.length; i++) {
        if (before[said[i].field + "\n" + said[i].message]) continue;
        var name = guideForm.name(said[i].field) || String(said[i].field);
        found.push({
          field: guideForm.find(said[i].field) || undefined,
          text: window.WikitoolForm.fill(words.error_schema, { field: name, message: String(said[i].message) })
        });
      }
    }
    if (!found.length) {
      var changes = guideForm.changes();
      if (!changes.length) found.push({ text: words.error_nothing });
      else if (changes.length > MAX_CHANGES) found.push({ text: words.error_too_many });
    }
    return found;
  }

  // -- the change as a diff ---------------------------------------------------------

  var diffTimer = 0;

  function scheduleDiff() {
    window.clearTimeout(diffTimer);
    diffTimer = window.setTimeout(showDiff, 250);
  }

  function showDiff() {
    var blocks = window.WikitoolDiff.lineChanges(original, content.value, CONTEXT_LINES);
    var view = document.createDocumentFragment();
    var changed = 0;
    var added = 0;
    var removed = 0;
    var shown = 0;
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      var pairs = Math.min(block.removed.length, block.added.length);
      changed += pairs;
      removed += block.removed.length - pairs;
      added += block.added.length - pairs;
      // A pasted page of text would be thousands of rows: show the start of it.
      if (shown < MAX_SHOWN_LINES) view.appendChild(renderBlock(block, pairs));
      shown += block.removed.length + block.added.length;
    }
    if (shown > MAX_SHOWN_LINES) {
      view.appendChild(element("p", "wt-diff__more",
        "The change is too long to show here in full: check it in the text above."));
    }
    diffView.textContent = "";
    diffView.appendChild(view);
    diffStatus.textContent = describe(changed, added, removed);
  }

  function renderBlock(block, pairs) {
    if (block.removed.length + block.added.length > MAX_SHOWN_LINES) {
      block = {
        newLine: block.newLine, before: block.before, after: [],
        removed: block.removed.slice(0, MAX_SHOWN_LINES), added: block.added.slice(0, MAX_SHOWN_LINES)
      };
      pairs = Math.min(block.removed.length, block.added.length);
    }
    var box = element("div", "wt-diff__block");
    box.appendChild(element("p", "wt-diff__where", "Line " + block.newLine));
    var lines = element("div", "wt-diff__lines");
    var k;
    for (k = 0; k < block.before.length; k++) lines.appendChild(line("same", block.before[k]));
    for (k = 0; k < pairs; k++) {
      var words = window.WikitoolDiff.wordChanges(block.removed[k], block.added[k]);
      lines.appendChild(line("del", words.before, "Before: "));
      lines.appendChild(line("add", words.after, "After: "));
    }
    for (k = pairs; k < block.removed.length; k++) {
      lines.appendChild(line("del", [{ text: block.removed[k], changed: true }], "Removed line: "));
    }
    for (k = pairs; k < block.added.length; k++) {
      lines.appendChild(line("add", [{ text: block.added[k], changed: true }], "Added line: "));
    }
    for (k = 0; k < block.after.length; k++) lines.appendChild(line("same", block.after[k]));
    box.appendChild(lines);
    return box;
  }

  function line(kind, runs, label) {
    var row = element("div", "wt-diff__line wt-diff__line--" + kind);
    var sign = element("span", "wt-diff__sign", kind === "del" ? "\u2212" : kind === "add" ? "+" : "");
    sign.setAttribute("aria-hidden", "true");
    row.appendChild(sign);
    if (typeof runs === "string") {
      row.appendChild(hiddenText("Unchanged: "));
      row.appendChild(document.createTextNode(runs || " "));
      return row;
    }
    row.appendChild(hiddenText(label));
    var text = element("span", "wt-diff__text");
    for (var i = 0; i < runs.length; i++) {
      if (runs[i].changed && runs[i].text.trim()) {
        text.appendChild(element(kind === "del" ? "del" : "ins", "", runs[i].text));
      } else {
        text.appendChild(document.createTextNode(runs[i].text));
      }
    }
    if (!text.textContent) text.appendChild(element("em", "", "(empty line)"));
    row.appendChild(text);
    return row;
  }

  function count(number, one) {
    return number + " " + one + (number === 1 ? "" : "s");
  }

  function describe(changed, added, removed) {
    var parts = [];
    if (changed) parts.push("changed " + count(changed, "line"));
    if (added) parts.push("added " + count(added, "line"));
    if (removed) parts.push("removed " + count(removed, "line"));
    if (!parts.length) return "You have not changed anything yet.";
    var last = parts.pop();
    return "You " + (parts.length ? parts.join(", ") + " and " + last : last) + ".";
  }

  // -- contact details, only with consent ---------------------------------------------

  function showContactFields() {
    var on = consent.checked;
    $("contact-fields").hidden = !on;
    name.disabled = !on;
    email.disabled = !on;
    credit.disabled = !on;
  }

  // -- checking and sending -----------------------------------------------------------

  function check() {
    var problems = [];
    if (formUsed()) {
      problems = formProblems();
    } else if (content.value === original) {
      problems.push({ field: content, text: "Change the guide's text before you send your suggestion." });
    } else if (!content.value.trim()) {
      problems.push({ field: content, text: "The guide's text is empty. Undo your changes or change only what is wrong." });
    } else if (new TextEncoder().encode(content.value).length > MAX_CONTENT_BYTES) {
      problems.push({ field: content, text: "The guide's text is too long: keep it under 200 KB. Change only what is wrong." });
    }
    if (!summary.value.trim()) {
      problems.push({ field: summary, text: "Enter a summary of your change." });
    }
    if (consent.checked && email.value.trim() && !EMAIL.test(email.value.trim())) {
      problems.push({ field: email, text: "Enter an e-mail address like name@example.org, or leave it empty." });
    }
    if (consent.checked && credit.checked && !name.value.trim()) {
      problems.push({ field: name, text: "Enter your name to be shown with the change, or untick that box." });
    }
    return problems;
  }

  function suggestion() {
    var text = crlf ? content.value.replace(/\n/g, "\r\n") : content.value;
    var made = { guide: source.guide };
    if (base) made.base = base;
    if (formUsed()) made.changes = guideForm.changes();
    else made.content = text;
    made.summary = summary.value.trim();
    if (rationale.value.trim()) made.rationale = rationale.value.trim();
    if (consent.checked) {
      var author = {};
      if (name.value.trim()) author.name = name.value.trim();
      if (email.value.trim()) author.email = email.value.trim();
      if (credit.checked && author.name) author.credit = true;
      var notify = document.getElementById("__wt-notify");
      if (notify && notify.checked && author.email) author.notify = true;
      if (author.name || author.email) made.author = author;
    }
    return made;
  }

  function submit(event) {
    event.preventDefault();
    clearProblems();
    var problems = check();
    if (problems.length) {
      showProblems(problems);
      return;
    }
    if (intake) post(suggestion());
    else download(suggestion());
  }

  function post(made) {
    var body = {};
    for (var key in made) body[key] = made[key];
    body.website = honeypot.value;
    var label = send.textContent;
    send.disabled = true;
    send.textContent = "Sending\u2026";
    form.setAttribute("aria-busy", "true");
    window.Wikitool.askIntake(intake, "api/suggestions", body)
      .then(function (answer) {
        if (answer.status === 201 && answer.data && answer.data.id) sent(answer.data);
        else showProblems([refused(answer.status, answer.data && answer.data.error, made)]);
      }, function () {
        showProblems([{
          text: "We could not reach the suggestions service. Check your internet " +
            "connection and try again, or download your suggestion and send it to the agency.",
          offerDownload: true
        }]);
      })
      .then(function () {
        send.disabled = false;
        send.textContent = label;
        form.removeAttribute("aria-busy");
      });
  }

  // The intake names a refused entry of a change list by what it addresses
  // ("changes[0] (fees[0].amount): ..."): the problem then leads to that field.
  function refused(status, error, made) {
    var problem = { text: refusal(status, error) };
    var named = made.changes && guideForm ? /changes\[\d+\] \(([^)\s]+)\)/.exec(String(error || "")) : null;
    var field = named ? guideForm.find(named[1]) : null;
    if (field) problem.field = field;
    return problem;
  }

  function refusal(status, error) {
    var said = error ? String(error) : "";
    if (status === 400) return "Your suggestion was not accepted: " + (said || "it is not valid") + ".";
    if (status === 413) return "Your suggestion is too large to send: " + (said || "shorten it") + ".";
    if (status === 429) {
      return "You have sent a lot in a short time. " + (said ? said.charAt(0).toUpperCase() + said.slice(1) + "." : "Try again in a minute.");
    }
    if (status === 503) return "The suggestions service is busy. Try again in a moment.";
    return "Something went wrong on our side (error " + status + (said ? ": " + said : "") +
      "). Try again later, or download your suggestion and send it to the agency.";
  }

  function sent(answer) {
    form.hidden = true;
    $("intro").hidden = true;
    errorSummary.hidden = true;
    $("done-id").textContent = answer.id;
    $("done-duplicate").hidden = !answer.duplicate;
    var notes = $("done-notes");
    notes.textContent = "";
    var warnings = answer.warnings || [];
    var shown = 0;
    for (var i = 0; i < warnings.length; i++) {
      notes.appendChild(element("li", "", "Note: " + warnings[i]));
      shown++;
    }
    notes.hidden = !shown;
    var track = $("track-link");
    if (trackPage) track.href = trackPage + "?id=" + encodeURIComponent(answer.id) +
      (answer.secret ? "#secret=" + encodeURIComponent(answer.secret) : "");  // private: see track.js
    else track.hidden = true;
    $("done").hidden = false;
    document.title = "Suggestion sent: " + document.title;
    $("done-title").focus();
  }

  function download(made) {
    var text = JSON.stringify(made, null, 2) + "\n";
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var file = "suggestion-" + guide.replace(/\.md$/, "").split("/").pop() + ".json";
    var link = document.createElement("a");
    link.href = downloadUrl;
    link.download = file;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    var again = $("saved-again");
    again.href = downloadUrl;
    again.setAttribute("download", file);
    $("saved-name").textContent = file;
    if (intake) $("saved").hidden = false;
    else {
      form.hidden = true;
      $("intro").hidden = true;
      $("saved").hidden = false;
    }
    $("saved-title").focus();
  }

  // -- the error summary --------------------------------------------------------------

  function clearProblems() {
    errorSummary.hidden = true;
    errorList.textContent = "";
    var fields = [content, summary, email, name];
    var marked = form.querySelectorAll("[aria-invalid]");
    for (var k = 0; k < marked.length; k++) fields.push(marked[k]);
    for (var i = 0; i < fields.length; i++) markField(fields[i], "");
  }

  function markField(field, text) {
    var error = document.getElementById(field.id + "-error");
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && (!error || id !== error.id);
    });
    if (text && error) {
      error.textContent = "";
      error.appendChild(hiddenText("Error: "));
      error.appendChild(document.createTextNode(text));
      error.hidden = false;
      described.push(error.id);
    } else if (error) {
      error.hidden = true;
    }
    if (described.length) field.setAttribute("aria-describedby", described.join(" "));
    else field.removeAttribute("aria-describedby");
    if (text) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  }

  function showProblems(problems) {
    errorList.textContent = "";
    for (var i = 0; i < problems.length; i++) {
      var problem = problems[i];
      var item = element("li");
      if (problem.field) {
        var link = element("a", "", problem.text);
        link.href = "#" + idOf(problem.field);
        link.setAttribute("data-wt-field", problem.field.id);
        item.appendChild(link);
        markField(problem.field, problem.text);
      } else {
        item.textContent = problem.text;
      }
      if (problem.offerDownload) {
        var again = element("button", "md-button", "Download your suggestion");
        again.type = "button";
        again.addEventListener("click", function () {
          download(suggestion());
        });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(again);
      }
      errorList.appendChild(item);
    }
    errorSummary.hidden = false;
    errorSummary.focus();
  }
})();
