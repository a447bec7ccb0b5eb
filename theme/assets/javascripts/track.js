/*
 * The "Track your suggestion" page (theme/track.html): /track/?id=<suggestion id>.
 *
 * Asks the intake for the suggestion's public status (GET /api/suggestions/<id>: no
 * name, no e-mail, no staff comment; a decision's explanation for the citizen, screened
 * for personal data) and says in plain words where it stands. The
 * number form reloads the page with ?id=, so a status page can be bookmarked.
 *
 * A question from the team ("waiting for your answer") is shown to everyone; the answer
 * form only to the author, whose private link carries #secret=<secret> (a fragment,
 * never sent to a server). The answer goes to POST /api/suggestions/<id>/answers.
 *
 * Once published, "Is the guide right now?" (status.recheck "asked") is asked of the
 * author only, once: "Yes", or "No, something is still wrong" with what is, which opens
 * a new report (POST /api/suggestions/<id>/recheck). Anyone sees the link to that report,
 * and on a report, the suggestion it follows.
 */
(function () {
  "use strict";

  var root = document.getElementById("__wt-track");
  if (!root) return;

  var ID = /^[0-9a-hjkmnp-tv-z]{26}$/;
  var MONTHS = window.Wikitool.MONTHS;
  var STATUSES = {
    "received": ["Received",
      "We have received your suggestion. Nobody from the team that owns the guide has looked at it yet."],
    "in review": ["Being reviewed",
      "The team that owns the guide is looking at your suggestion."],
    "waiting for your answer": ["Waiting for your answer",
      "The team that owns the guide has a question for you about your suggestion."],
    "accepted": ["Accepted",
      "Your suggestion was accepted. The guide will show it the next time this site is updated."],
    "published": ["Accepted and published",
      "Your suggestion was accepted, and the guide now shows it. Thank you for helping."],
    "rejected": ["Not accepted",
      "The team that owns the guide decided not to make this change."]
  };
  // A report (kind "report": what is wrong, in words) is accepted once staff made it an
  // edit and merged it.
  var REPORT_STATUSES = {
    "received": ["Received",
      "We have received your report. Nobody from the team that owns the guide has looked at it yet."],
    "in review": ["Being reviewed",
      "The team that owns the guide is looking at your report."],
    "waiting for your answer": ["Waiting for your answer",
      "The team that owns the guide has a question for you about your report."],
    "accepted": ["Corrected",
      "The team corrected the guide after your report. The guide will show it the next time this site is updated."],
    "published": ["Corrected and published",
      "The team corrected the guide after your report, and the guide now shows it. Thank you for telling us."],
    "rejected": ["Closed",
      "The team that owns the guide decided not to change the guide after your report."]
  };

  function $(id) {
    return document.getElementById("__wt-track-" + id);
  }

  var intake = root.getAttribute("data-wt-intake") || "";
  var siteRoot = root.getAttribute("data-wt-root") || "";
  var docsPrefix = root.getAttribute("data-wt-docs-prefix") || "";
  var sources = root.getAttribute("data-wt-sources") || "";

  var noscript = document.querySelector("[data-wt-noscript]");
  if (noscript) noscript.hidden = true;
  root.hidden = false;

  if (!intake) {
    $("offline").hidden = false;
    return;
  }

  var form = $("form");
  var input = $("id");
  var fieldError = $("id-error");
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    var typed = normalise(input.value);
    if (!ID.test(typed)) {
      event.preventDefault();
      invalid();
      return;
    }
    input.value = typed;
  });

  var secret = secretInLink();
  var shown = null;  // the status on screen
  // The private link opened on the page already showing the same suggestion.
  window.addEventListener("hashchange", function () {
    secret = secretInLink();
    if (shown) show(shown);
  });
  var answerForm = $("answer-form");
  var answerBox = $("answer");
  var answerError = $("answer-error");
  var answerSend = $("answer-send");
  answerForm.addEventListener("submit", sendAnswer);
  var rechecked = null;  // the intake's answer to this page's "Yes" or "No"
  setUpRecheck();

  var asked = new URLSearchParams(window.location.search).get("id");
  if (asked === null) return;
  var id = normalise(asked);
  input.value = id;
  if (!ID.test(id)) {
    invalid();
    return;
  }
  lookUp(id);

  function normalise(text) {
    return text.replace(/\s+/g, "").toLowerCase();
  }

  function invalid() {
    fieldError.textContent = "Enter your suggestion number: 26 letters and digits, as shown when you sent your suggestion.";
    fieldError.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", fieldError.id + " " + input.id + "-hint");
    input.focus();
  }

  function lookUp(number, then) {
    var loading = $("loading");
    loading.textContent = "Looking up suggestion " + number + "\u2026";
    window.Wikitool.askIntake(intake, "api/suggestions/" + encodeURIComponent(number))
      .then(function (answer) {
        loading.textContent = "";
        if (answer.ok) {
          show(answer.data);
          if (then) then();
        }
        else if (answer.status === 404) {
          problem("We have no suggestion with the number " + number +
            ". Check that you copied the whole number or the whole link.");
        } else {
          problem("We could not look up your suggestion just now (" +
            (answer.data.error || "error " + answer.status) + "). Try again later.");
        }
      }, function () {
        loading.textContent = "";
        problem("We could not reach the suggestions service. Check your internet connection and reload the page.");
      });
  }

  function problem(text) {
    $("problem-text").textContent = text;
    $("problem").hidden = false;
  }

  function secretInLink() {
    return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("secret") || "";
  }

  function show(status) {
    shown = status;
    var report = status.kind === "report";
    var known = (report ? REPORT_STATUSES : STATUSES)[status.status] || [status.status, ""];
    $("number-label").textContent = report ? "Report number" : "Suggestion number";
    $("summary-label").textContent = report ? "What you reported" : "What you suggested";
    $("status").textContent = "Status: " + known[0];
    $("explain").textContent = known[1];
    var reason = $("reason");
    reason.hidden = !status.reason;
    reason.textContent = status.reason ? "The reason: " + status.reason : "";
    // What staff wrote with the decision (review reject -m, merge -m), personal data removed.
    var explanation = $("explanation");
    explanation.hidden = !status.explanation;
    explanation.textContent = !status.explanation ? "" :
      (status.status === "rejected" ? "What the team said: " : "A note from the team: ") + status.explanation;
    var question = $("question");
    question.hidden = !status.question;
    $("question-text").textContent = status.question || "";
    answerForm.hidden = !(status.question && secret);
    $("private").hidden = !(status.question && !secret);
    $("number").textContent = status.id;
    $("summary").textContent = status.summary || "";
    var guide = $("guide");
    var path = String(status.guide || "");
    if (docsPrefix && path.indexOf(docsPrefix) === 0) path = path.slice(docsPrefix.length);
    guide.textContent = path;
    guide.href = siteRoot + path.replace(/(^|\/)(index|README)\.md$/, "$1").replace(/\.md$/, "/");
    if (sources && /^[a-z0-9\/-]+\.md$/.test(path)) nameGuide(guide, path);
    var updated = $("updated");
    updated.setAttribute("datetime", status.updated || "");
    updated.textContent = when(status.updated);
    showRecheck(status);
    $("result").hidden = false;
    document.title = "Status: " + known[0] + " - " + document.title.replace(/^Status: .* - /, "");
    // The page's other parts (track-forget.js) follow what is shown.
    root.dispatchEvent(new CustomEvent("wt-track-shown", { detail: status }));
  }

  function sendAnswer(event) {
    event.preventDefault();
    var text = answerBox.value.trim();
    if (!text) {
      answerProblem("Write your answer to the team's question.");
      return;
    }
    answerSend.disabled = true;
    answerForm.setAttribute("aria-busy", "true");
    var body = { secret: secret, text: text, website: $("website").value };
    window.Wikitool.askIntake(intake, "api/suggestions/" + encodeURIComponent(id) + "/answers", body)
      .then(function (answer) {
        if (answer.status === 201) {
          answerBox.value = "";
          answerError.hidden = true;
          answerBox.removeAttribute("aria-invalid");
          lookUp(id, function () {
            var thanks = $("answered");
            thanks.hidden = false;
            thanks.focus();
          });
        } else {
          answerProblem(answerRefused(answer.status, answer.data.error || ""));
        }
      }, function () {
        answerProblem("We could not reach the suggestions service. Check your internet connection and try again.");
      })
      .then(function () {
        answerSend.disabled = false;
        answerForm.removeAttribute("aria-busy");
      });
  }

  function answerRefused(status, said) {
    if (status === 403) return "This link does not let you answer: open the private link shown when you sent your suggestion, or the one in our e-mail.";
    if (status === 409) return "There is no question to answer any more: the team may have decided already. Reload the page to see where your suggestion stands.";
    if (status === 429) return "You have sent a lot in a short time. Try again in a minute.";
    if (status === 400) return "We could not take your answer: " + said + ".";
    return "Something went wrong on our side (error " + status + "). Try again later.";
  }

  function answerProblem(text) {
    answerError.textContent = text;
    answerError.hidden = false;
    answerBox.setAttribute("aria-invalid", "true");
    answerBox.setAttribute("aria-describedby", answerError.id + " " + answerBox.id + "-hint");
    answerBox.focus();
  }

  /* -- "Is the guide right now?", after publication ----------------------------------- */

  function setUpRecheck() {
    $("recheck-yes").addEventListener("click", function () {
      sendRecheck({ right: true });
    });
    var no = $("recheck-no");
    no.addEventListener("click", function () {
      no.setAttribute("aria-expanded", "true");
      $("recheck-wrong").hidden = false;
      $("recheck-text").focus();
    });
    $("recheck-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = $("recheck-text").value.trim();
      if (!text) {
        recheckProblem("Say what is still wrong in the guide.", true);
        return;
      }
      sendRecheck({ right: false, text: text });
    });
  }

  function showRecheck(status) {
    var follows = status.follows && ID.test(status.follows) ? status.follows : "";
    $("follows").hidden = !follows;
    $("follows-id").textContent = follows;
    $("follows-link").href = "?id=" + follows;
    var asked = status.recheck === "asked";
    $("recheck").hidden = !asked;
    $("recheck-form").hidden = !(asked && secret);
    $("recheck-private").hidden = !(asked && !secret);
    var later = status.follow_up && ID.test(status.follow_up) ? status.follow_up : "";
    // The author (the private link) is thanked, not asked again, once they answered.
    var answered = status.recheck === "yes" || status.recheck === "no";
    var thanked = !!rechecked || (answered && !!secret);
    var ownLink = rechecked && rechecked.follow_up;  // the new report's private link
    var thanks = $("rechecked");
    thanks.hidden = !thanked;
    $("follow-up").hidden = !later || !!ownLink;
    $("follow-up-id").textContent = later;
    $("follow-up-link").href = "?id=" + later;
    if (!thanked) return;
    thanks.textContent = "";
    if (status.recheck === "yes") {
      thanks.textContent = "Thank you: you told us the guide is right now.";
      return;
    }
    thanks.textContent = "Thank you: we opened a new report about what is still wrong.";
    if (!ownLink) return;
    var report = rechecked.follow_up;
    var link = document.createElement("a");
    link.href = "?id=" + encodeURIComponent(report.id) + "#secret=" + encodeURIComponent(report.secret || "");
    link.textContent = "Track the new report";
    thanks.textContent = "Thank you: we opened a new report about what is still wrong, number " + report.id + ". ";
    thanks.appendChild(link);
    thanks.appendChild(document.createTextNode(" (this link is yours alone: keep it)."));
  }

  function sendRecheck(body) {
    var buttons = [$("recheck-yes"), $("recheck-no"), $("recheck-send")];
    buttons.forEach(function (b) { b.disabled = true; });
    $("recheck-form").setAttribute("aria-busy", "true");
    body.secret = secret;
    body.website = $("recheck-website").value;
    window.Wikitool.askIntake(intake, "api/suggestions/" + encodeURIComponent(id) + "/recheck", body)
      .then(function (answer) {
        if (answer.status === 201) {
          rechecked = answer.data;
          $("recheck-text").value = "";
          lookUp(id, function () { $("rechecked").focus(); });
        } else {
          recheckProblem(recheckRefused(answer.status, answer.data.error || ""), !body.right);
        }
      }, function () {
        recheckProblem("We could not reach the suggestions service. Check your internet connection and try again.", !body.right);
      })
      .then(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        $("recheck-form").removeAttribute("aria-busy");
      });
  }

  function recheckRefused(status, said) {
    if (status === 403) return "This link does not let you answer: open the private link shown when you sent your suggestion, or the one in our e-mail.";
    if (status === 409) return "We cannot take this answer: the question was answered already, or the guide does not show the change yet. Reload the page to see where your suggestion stands.";
    if (status === 429) return "You have sent a lot in a short time. Try again in a minute.";
    if (status === 400) return "We could not take your answer: " + said + ".";
    return "Something went wrong on our side (error " + status + "). Try again later.";
  }

  /* The error next to the box for a "No", above the buttons for a "Yes". */
  function recheckProblem(text, inBox) {
    var box = $("recheck-text");
    var boxError = $("recheck-text-error");
    var formError = $("recheck-error");
    boxError.hidden = formError.hidden = true;
    if (inBox) {
      boxError.textContent = text;
      boxError.hidden = false;
      box.setAttribute("aria-invalid", "true");
      box.setAttribute("aria-describedby", boxError.id + " " + box.id + "-hint");
      box.focus();
    } else {
      formError.textContent = text;
      formError.hidden = false;
    }
  }

  /* The guide's title in place of its path, from the source the suggestion page uses. */
  function nameGuide(link, path) {
    fetch(sources + path.replace(/\.md$/, ".json"), { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (source) {
        if (source && source.title) {
          link.textContent = source.title;
          if (source.url) link.href = siteRoot + source.url;
        }
      }, function () {});
  }

  function when(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || "");
    if (!parts) return iso || "";
    return parseInt(parts[3], 10) + " " + MONTHS[parseInt(parts[2], 10) - 1] + " " + parts[1] +
      ", " + parts[4] + ":" + parts[5] + " UTC";
  }
})();
