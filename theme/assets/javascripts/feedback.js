/*
 * The feedback widget (wikitool/mkdocs_plugin/feedback_widget.py): "Was this page
 * helpful?" and "Is something wrong on this page?", posted as {page, section, helpful,
 * wrong} to the intake's /api/feedback. The intake removes personal details from the
 * text before storing it; staff read it with `wikitool feedback list`. Nothing is sent
 * anywhere else. The widget is rendered hidden and shown only here, so readers without
 * JavaScript keep the plain "Is something wrong on this page?" link.
 */
(function () {
  "use strict";

  var widgets = document.querySelectorAll("[data-wt-feedback]");
  for (var i = 0; i < widgets.length; i++) setUp(widgets[i]);

  function setUp(widget) {
    var intake = widget.getAttribute("data-wt-intake");
    if (!intake) return;
    var status = widget.querySelector(".wt-feedback__status");
    var helpful = widget.querySelector("[data-wt-helpful-block]");
    var form = widget.querySelector("form");
    var wrong = form.querySelector("textarea");
    var section = form.querySelector("select");
    var honeypot = form.querySelector("input[name='website']");
    var error = form.querySelector(".wt-field-error");
    var sendButton = form.querySelector("button[type='submit']");

    widget.hidden = false;
    // The widget offers the same "correct it yourself" link as the plain paragraph.
    var plain = widget.parentNode ? widget.parentNode.querySelector(".wt-report") : null;
    if (plain && widget.querySelector(".wt-feedback__fix")) plain.hidden = true;

    // "Correct the guide yourself" opens the part chosen in "Which part of the page?"
    // (its option's data-wt-about: steps, or a section's heading) as the link's field.
    var fix = widget.querySelector(".wt-feedback__fix a");
    if (fix && section) {
      var fixBase = fix.getAttribute("href");
      section.addEventListener("change", function () {
        var chosen = section.options[section.selectedIndex];
        var part = chosen ? chosen.getAttribute("data-wt-about") : "";
        fix.setAttribute("href", part
          ? fixBase + (fixBase.indexOf("?") === -1 ? "?" : "&") + "field=" + encodeURIComponent(part)
          : fixBase);
      });
    }

    function post(body, done) {
      body.page = widget.getAttribute("data-wt-page") || "";
      body.website = honeypot ? honeypot.value : "";
      return window.Wikitool.askIntake(intake, "api/feedback", body)
        .then(function (answer) {
          if (answer.status === 201) done(answer.data.warnings || []);
          else say("Your feedback was not sent: " + (answer.data.error || "error " + answer.status) + ". Try again later.");
        }, function () {
          say("Your feedback was not sent: we could not reach the service. Check your internet connection and try again.");
        });
    }

    function say(text) {
      status.textContent = text;
    }

    function removed(warnings) {
      return warnings.length ? " We removed personal details from what you wrote." : "";
    }

    if (helpful) {
      var buttons = helpful.querySelectorAll("button[data-wt-helpful]");
      for (var k = 0; k < buttons.length; k++) {
        buttons[k].addEventListener("click", function (event) {
          var yes = event.currentTarget.getAttribute("data-wt-helpful") === "yes";
          setDisabled(buttons, true);
          post({ helpful: yes }, function () {
            helpful.hidden = true;
            if (yes) {
              say("Thank you for your feedback.");
            } else {
              say("Thank you for your feedback. If you can, tell us below what was wrong or missing.");
              wrong.focus();
            }
          }).then(function () {
            setDisabled(buttons, false);
          });
        });
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = wrong.value.trim();
      if (!text) {
        error.textContent = "Tell us what is wrong before you send.";
        error.hidden = false;
        wrong.setAttribute("aria-invalid", "true");
        wrong.setAttribute("aria-describedby", error.id + " " + wrong.id + "-hint");
        wrong.focus();
        return;
      }
      error.hidden = true;
      wrong.removeAttribute("aria-invalid");
      wrong.setAttribute("aria-describedby", wrong.id + "-hint");
      var body = { wrong: text };
      if (section && section.value) body.section = section.value;
      sendButton.disabled = true;
      post(body, function (warnings) {
        form.hidden = true;
        say("Thank you. The team that owns this guide will read what you wrote." + removed(warnings));
      }).then(function () {
        sendButton.disabled = false;
      });
    });
  }

  function setDisabled(buttons, disabled) {
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = disabled;
  }
})();
