/*
 * A guide's open suggestions and "This affects me too"
 * (wikitool/mkdocs_plugin/open_suggestions.py). Asks the intake for the suggestions open
 * on this guide (GET api/guides/<path>/suggestions: summary, date, status, supporters;
 * never a name or an address) and, when there are any, shows them, each with a button
 * that posts {note, email, website} to api/suggestions/<id>/support. The section stays
 * hidden when the intake cannot be reached or has nothing to show. The words are the
 * build's, in the guide's language (data-wt-words); nothing is sent anywhere else.
 */
(function () {
  "use strict";

  var sections = document.querySelectorAll("[data-wt-open]");
  for (var i = 0; i < sections.length; i++) setUp(sections[i]);

  function setUp(section) {
    var intake = section.getAttribute("data-wt-intake");
    var guide = section.getAttribute("data-wt-guide");
    if (!intake || !guide || !window.fetch) return;
    var words = JSON.parse(section.getAttribute("data-wt-words") || "{}");
    var lang = section.getAttribute("data-wt-lang") || document.documentElement.lang;
    var list = section.querySelector(".wt-open__list");
    var template = section.querySelector("template[data-wt-open-item]");
    var path = "api/guides/" + guide.split("/").map(encodeURIComponent).join("/") + "/suggestions";

    window.Wikitool.askIntake(intake, path).then(function (answer) {
      var found = answer.ok && answer.data.suggestions ? answer.data.suggestions : [];
      if (!found.length) return;
      for (var k = 0; k < found.length; k++) list.appendChild(item(found[k], k + 1));
      section.hidden = false;
    }, function () { /* no intake: no section */ });

    function say(text, fields) {
      return (words[text] || text).replace(/\{(\w+)\}/g, function (all, name) {
        return fields && name in fields ? fields[name] : all;
      });
    }

    function day(iso) {
      var when = new Date(iso);
      try {
        return when.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      } catch (e) {
        return iso.slice(0, 10);
      }
    }

    function number(value) {
      try {
        return Number(value).toLocaleString(lang);
      } catch (e) {
        return String(value);
      }
    }

    function item(suggestion, place) {
      var made = template.content.firstElementChild.cloneNode(true);
      // Each copy's ids (and what refers to them) get the item's number.
      var named = made.querySelectorAll("[id], [for], [aria-describedby]");
      for (var n = 0; n < named.length; n++) {
        ["id", "for", "aria-describedby"].forEach(function (attribute) {
          var value = named[n].getAttribute(attribute);
          if (value) named[n].setAttribute(attribute, value.replace(/(__wt-open-[\w-]+)/g, "$1-" + place));
        });
      }
      made.querySelector(".wt-open__summary").textContent = suggestion.summary;
      var meta = made.querySelector(".wt-open__meta");
      var count = document.createElement("span");
      count.className = "wt-open__count";
      count.textContent = say("supporters", { count: number(suggestion.supporters) });
      meta.textContent = say("sent", { date: day(suggestion.submitted) }) + " \u00b7 " +
        say("status", { status: say(suggestion.status) }) + " \u00b7 ";
      meta.appendChild(count);

      var form = made.querySelector("form");
      var status = made.querySelector(".wt-open__status");
      var button = form.querySelector("button[type='submit']");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var body = {
          note: form.elements.note.value.trim(),
          email: form.elements.email.value.trim(),
          website: form.elements.website.value
        };
        if (!body.note) delete body.note;
        if (!body.email) delete body.email;
        button.disabled = true;
        window.Wikitool.askIntake(intake, "api/suggestions/" + encodeURIComponent(suggestion.id) + "/support", body)
          .then(function (answer) {
            if (answer.status === 201) {
              if (typeof answer.data.supporters === "number") {
                count.textContent = say("supporters", { count: number(answer.data.supporters) });
              }
              form.hidden = true;
              status.textContent = say("thanks") +
                ((answer.data.warnings || []).length ? " " + say("removed") : "");
              // The button is gone: the focus goes to what replaced it.
              status.setAttribute("tabindex", "-1");
              status.focus();
            } else {
              button.disabled = false;
              status.textContent = say("failed", { error: answer.data.error || String(answer.status) });
            }
          }, function () {
            button.disabled = false;
            status.textContent = say("unreachable");
          });
      });
      return made;
    }
  }
})();
