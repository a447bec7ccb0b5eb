/*
 * "Delete my contact details" on the tracking page (theme/partials/track-forget.html).
 *
 * Shown to the author only: when the link carries the private secret (#secret=..., a
 * fragment, never sent to a server) and track.js has shown the suggestion (it says so
 * with a "wt-track-shown" event on #__wt-track, the status as its detail). The first
 * button asks for a confirmation, which takes the focus; "No, keep them" (or Escape)
 * goes back. "Yes" posts the secret to POST /api/suggestions/<id>/forget, which deletes
 * exactly what `wikitool suggest forget` does; the page then says plainly what happened.
 */
(function () {
  "use strict";

  var root = document.getElementById("__wt-track");
  var section = document.getElementById("__wt-forget");
  if (!root || !section) return;

  var DELETED = "Your contact details were deleted. We no longer keep your name or e-mail " +
    "address for this suggestion. If you asked for e-mails about it, one last e-mail says so, " +
    "and you will get no more.";
  var NOTHING_KEPT = "We keep no contact details for this suggestion: you gave none, or they " +
    "were deleted already.";

  function $(id) {
    return document.getElementById("__wt-forget-" + id);
  }

  var intake = root.getAttribute("data-wt-intake") || "";
  var offer = $("offer");
  var confirm = $("confirm");
  var start = $("start");
  var yes = $("yes");
  var no = $("no");
  var error = $("error");
  var done = $("done");
  var suggestionId = "";

  root.addEventListener("wt-track-shown", function (event) {
    suggestionId = event.detail && event.detail.id ? String(event.detail.id) : "";
    section.hidden = !(intake && suggestionId && secretInLink());
  });

  start.addEventListener("click", function () {
    error.hidden = true;
    offer.hidden = true;
    confirm.hidden = false;
    $("question").focus();
  });

  no.addEventListener("click", keep);
  confirm.addEventListener("keydown", function (event) {
    if (event.key === "Escape") keep();
  });

  yes.addEventListener("click", function () {
    yes.disabled = true;
    confirm.setAttribute("aria-busy", "true");
    var path = "api/suggestions/" + encodeURIComponent(suggestionId) + "/forget";
    window.Wikitool.askIntake(intake, path, { secret: secretInLink() })
      .then(function (answer) {
        if (answer.status === 200) {
          confirm.hidden = true;
          error.hidden = true;
          done.textContent = answer.data.deleted ? DELETED : NOTHING_KEPT;
          done.hidden = false;
          done.focus();
        } else {
          refused(refusal(answer.status, answer.data.error || ""));
        }
      }, function () {
        refused("We could not reach the suggestions service. Check your internet connection and try again.");
      })
      .then(function () {
        yes.disabled = false;
        confirm.removeAttribute("aria-busy");
      });
  });

  function keep() {
    confirm.hidden = true;
    offer.hidden = false;
    start.focus();
  }

  function refused(text) {
    error.textContent = text;
    error.hidden = false;
    yes.focus();
  }

  function refusal(status, said) {
    if (status === 403) return "This link does not let you delete the contact details: open the private link shown when you sent your suggestion, or the one in our e-mail.";
    if (status === 404) return "We have no suggestion with this number any more.";
    if (status === 429) return "You have sent a lot in a short time. Try again in a minute.";
    if (status === 400) return "We could not do this: " + said + ".";
    return "Something went wrong on our side (error " + status + "). Try again later.";
  }

  function secretInLink() {
    return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("secret") || "";
  }
})();
