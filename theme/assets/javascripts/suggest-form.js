/*
 * The guide as a form, on the "Suggest an edit" page (theme/suggest.html; suggest.js
 * drives the page). Built from the `parts` of the guide's source JSON (README, "The
 * suggestion page"): the panel's facts as labelled fields, each step as its own text
 * box, the other sections as paragraphs. Its words come from the build in the guide's
 * language (mkdocs_plugin/editor_labels.py); this file holds none.
 *
 * What the citizen did is read back as a `changes` list (README, "A list of changes
 * instead of the whole guide"), each entry against the guide as the entries before it
 * left it, so a one-fee change is a one-line diff; and as sentences, with a link to the
 * field each is about. Field paths are the change list's: `fees[2].amount`; a deep link
 * may also write them with dots (`fees.2.amount`, `steps.3`).
 *
 * window.WikitoolForm.create(container, parts, settings) -> form (see the end).
 */
(function () {
  "use strict";

  var element = window.Wikitool.element;
  // The panel's facts, in the panel's order.
  var SHOWN = ["fees", "documents", "eligibility", "time", "channels", "apply", "deadlines", "situations"];
  // Names other parts refer to, and values from a fixed list: the whole source changes them.
  var KEPT = { id: 1, when: 1, adds_to: 1, type: 1, kind: 1, unit: 1, counts: 1, model: 1 };
  var REQUIRED = { label: 1, name: 1, title: 1, amount: 1, currency: 1 };
  // 12.50, or 12,50 as many languages write it; never 1,200 (a thousands separator).
  var NUMBER = /^-?\d+(?:\.\d+|,\d{1,2})?$/;
  var serial = 0;
  // An empty number field in a new item (its value has no type yet).
  var EMPTY_NUMBER = {};

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  // Inline Markdown a reader does not see: a link [words](address), bold or emphasis
  // (**, *, __, _; an underscore not inside a word) and `code`. The form shows the words
  // and puts the markup back on them when sent.
  // (No lookbehind: Safari before 16.4 cannot read it.)
  var WORDS = "([^\\s*_`\\[\\]](?:[^*_`\\[\\]\\n]*[^\\s*_`\\[\\]])?)";
  var MARK = new RegExp([
    "\\[([^\\[\\]\\n]+)\\]\\(([^()\\s]+(?:\\s+\"[^\"\\n]*\")?)\\)",
    "(\\*\\*|\\*)" + WORDS + "\\3",
    "(^|[^\\w_])(__|_)" + WORDS + "\\6(?![\\w_])",
    "`([^`\\n]+)`"
  ].join("|"), "g");
  // Markup left once the marks are taken out: the form cannot show that text as read.
  var LEFT = /\*\*|__|`|\]\(|!\[|<[A-Za-z!\/]|\\[!-\/:-@\[-`{-~]/;

  function unmarked(text) {
    var marks = [];
    var shown = text.replace(MARK, function (all, link, address, star, starred, lead, line, lined, code) {
      var words = link || starred || lined || code;
      lead = lead || "";
      marks.push({ words: words, markup: all.slice(lead.length), link: link !== undefined });
      return lead + words;
    });
    return { text: shown, marks: marks, links: marks.filter(function (mark) { return mark.link; }), safe: !LEFT.test(shown) };
  }

  // The text with each mark put back on its words where they still are (the first time
  // they appear, outside another mark); words the citizen removed lose their mark.
  function remarked(text, marks) {
    var pieces = [{ text: text, plain: true }];
    marks.forEach(function (mark) {
      for (var i = 0; i < pieces.length; i++) {
        var at = pieces[i].plain ? pieces[i].text.indexOf(mark.words) : -1;
        if (at === -1) continue;
        var piece = pieces[i].text;
        pieces.splice(i, 1,
          { text: piece.slice(0, at), plain: true },
          { text: mark.markup, plain: false },
          { text: piece.slice(at + mark.words.length), plain: true });
        return;
      }
    });
    return pieces.map(function (piece) { return piece.text; }).join("");
  }

  // A section's line: before its words what a reader does not see (a quote's ">", a list
  // marker), after them a hard line break; a line a reader would see some other way
  // (indented: a nested list or code; a table, a fence, a heading, a rule) is not read.
  var LINE = /^((?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(.*?)( {2,}|\\)?$/;
  var UNREAD = /!\[|<[A-Za-z!\/]|^[ \t]+\S|^\s*\||\|\s*:?-{3,}|^\s*(?:```|~~~|#{1,6}(?:\s|$))|^ {0,3}([-*_])(?: *\1){2,} *$/;

  // A section as lines a reader reads, or null when one of them cannot be shown so.
  function readLines(text) {
    var lines = [];
    var ok = text.split("\n").every(function (line) {
      if (UNREAD.test(line)) return false;
      var parts = LINE.exec(line);
      var plain = unmarked(parts[2]);
      lines.push({ original: line, prefix: parts[1], suffix: parts[3] || "", shown: plain.text, marks: plain.marks, links: plain.links });
      return plain.safe;
    });
    return ok ? lines : null;
  }

  // For each line of `now`, the line of `lines` it is left as it was (the longest common
  // run of lines, as a line diff has it), or -1.
  function unchanged(lines, now) {
    var n = lines.length;
    var m = now.length;
    var longest = [];
    var i;
    var j;
    for (i = n; i >= 0; i--) {
      longest[i] = [];
      for (j = m; j >= 0; j--) {
        longest[i][j] = i === n || j === m ? 0
          : lines[i].shown === now[j] ? longest[i + 1][j + 1] + 1
            : Math.max(longest[i + 1][j], longest[i][j + 1]);
      }
    }
    var kept = now.map(function () { return -1; });
    for (i = 0, j = 0; i < n && j < m;) {
      if (lines[i].shown === now[j]) {
        kept[j] = i;
        i++;
        j++;
      } else if (longest[i + 1][j] >= longest[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return kept;
  }

  // The section's Markdown for what its box says: a line the citizen left as it was keeps
  // its bytes; a reworded one (in place of a line they changed) its marker and marks; a
  // new one the marker of the line above it.
  function rewritten(lines, text) {
    var now = text.split("\n");
    var kept = unchanged(lines, now);
    var after = -1;  // the last original line left as it was, or reworded
    var before = "";  // the marker of the line above, "" after a blank line
    return now.map(function (words, at) {
      var source = null;
      if (kept[at] !== -1) {
        after = kept[at];
        source = lines[after];
      } else {
        var next = kept.slice(at).filter(function (place) { return place !== -1; })[0];
        if (after + 1 < (next === undefined ? lines.length : next)) {
          after += 1;
          source = lines[after];
        }
      }
      if (!words.trim()) {
        before = "";
        return source && kept[at] !== -1 ? source.original : "";
      }
      if (source) {
        before = source.prefix;
        return kept[at] !== -1 ? source.original : source.prefix + remarked(words, source.marks) + source.suffix;
      }
      before = before.replace(/\d+(?=[.)])/, function (n) { return String(Number(n) + 1); });
      return before + words;
    }).join("\n");
  }

  // What a step box says now, in the guide's Markdown.
  function written(box) {
    var text = box.input.value.replace(/\r\n/g, "\n").trim();
    return text === box.shown.trim() ? box.original : remarked(text, box.marks);
  }

  function create(container, parts, settings) {
    var labels = settings.labels;
    var words = labels.words;
    var lang = settings.lang;
    var currencies = {};
    (settings.currencies || []).forEach(function (code) { currencies[code] = true; });
    var onChange = settings.onChange || function () {};
    var fields = parts.fields || {};
    var root = { type: "map", key: "", original: fields, entries: [], box: container };
    var steps = [];
    var sections = [];
    var stepBox = null;
    var lists = [];

    // A key is named by what it is inside its parent first ("offset.hours": a deadline's
    // hours, not a channel's opening hours), then by what it is anywhere.
    function fieldLabel(key, parentKey) {
      return labels.fields[parentKey + "." + key] || labels.fields[key] || key;
    }

    function itemWords(key) {
      return labels.items[key] || labels.items["*"];
    }

    function newId() {
      serial += 1;
      return "__wt-f" + serial;
    }

    function button(text, className, action) {
      var made = element("button", "md-button wt-form__button " + (className || ""), text);
      made.type = "button";
      made.addEventListener("click", action);
      return made;
    }

    // -- the front matter ---------------------------------------------------------------

    function build(value, key, label, parent) {
      if (value === EMPTY_NUMBER) {
        var number = buildScalar("", key, label, parent);
        number.number = true;
        number.input.setAttribute("inputmode", "decimal");
        return number;
      }
      if (Array.isArray(value)) return buildList(value, key, label, parent);
      if (value !== null && typeof value === "object") return buildMap(value, key, label, parent);
      return buildScalar(value, key, label, parent);
    }

    function buildScalar(value, key, label, parent) {
      var node = { type: "scalar", key: key, original: value, parent: parent, label: label };
      var id = newId();
      if (typeof value === "boolean") {
        node.box = element("div", "wt-check");
        node.input = element("input");
        node.input.type = "checkbox";
        node.input.id = id;
        node.input.checked = value;
        var tick = element("label", "", label);
        tick.htmlFor = id;
        node.box.appendChild(node.input);
        node.box.appendChild(tick);
      } else {
        node.box = element("div", "wt-field");
        var name = element("label", "wt-label", label);
        name.htmlFor = id;
        node.box.appendChild(name);
        var error = element("p", "wt-field-error");
        error.id = id + "-error";
        error.hidden = true;
        node.box.appendChild(error);
        var text = value === undefined ? "" : String(value);
        node.input = element(text.length > 60 || key === "note" ? "textarea" : "input");
        if (node.input.tagName === "INPUT") node.input.type = "text";
        else node.input.rows = Math.min(6, Math.max(2, Math.ceil(text.length / 45)));
        node.input.id = id;
        node.input.value = text;
        node.input.autocomplete = "off";
        if (typeof value === "number") {
          node.number = true;
          node.input.setAttribute("inputmode", "decimal");
        }
        if (key === "currency") {
          node.input.setAttribute("autocapitalize", "characters");
          node.input.spellcheck = false;
        }
        node.box.appendChild(node.input);
      }
      node.input.addEventListener("input", onChange);
      node.input.addEventListener("change", onChange);
      return node;
    }

    function buildMap(value, key, label, parent) {
      var node = { type: "map", key: key, original: value, parent: parent, label: label, entries: [] };
      node.box = element("fieldset", "wt-form__group");
      node.box.appendChild(element("legend", "wt-form__legend", label));
      Object.keys(value).forEach(function (name) {
        if (KEPT[name]) return;
        // A situation is labelled by what it says; other keys by what they are.
        var text = key === "situations" ? String(value[name]) : fieldLabel(name, key);
        var child = build(value[name], name, text, node);
        node.entries.push({ key: name, node: child });
        node.box.appendChild(child.box);
      });
      return node;
    }

    function buildList(value, key, label, parent) {
      var node = { type: "list", key: key, original: value, parent: parent, label: label, items: [] };
      lists.push(node);
      node.box = element("fieldset", "wt-form__group wt-form__list");
      node.box.appendChild(element("legend", "wt-form__legend", label));
      node.list = element("div", "wt-form__items");
      node.box.appendChild(node.list);
      value.forEach(function (item, place) {
        addItem(node, item, place, node.items.length);
      });
      node.add = button(itemWords(key)[1], "wt-form__add", function () {
        var template = blank(value.length ? value[0] : "");
        var item = addItem(node, template, null, node.items.length);
        relabel(node);
        onChange();
        firstInput(item.node).focus();
      });
      node.box.appendChild(node.add);
      relabel(node);
      return node;
    }

    // A new item shaped like the list's first: its fields empty, what the form keeps left out.
    function blank(like) {
      if (Array.isArray(like)) return [];
      if (like !== null && typeof like === "object") {
        var made = {};
        Object.keys(like).forEach(function (name) {
          if (KEPT[name] || (like[name] !== null && typeof like[name] === "object")) return;
          // A new fee is most likely in the currency of the others.
          made[name] = name === "currency" ? like[name] : blank(like[name]);
        });
        return made;
      }
      if (typeof like === "boolean") return false;
      if (typeof like === "number") return EMPTY_NUMBER;
      return "";
    }

    function addItem(list, value, origin, at) {
      var item = { origin: origin };
      item.node = build(value, list.key, "", list);
      item.box = element("div", "wt-form__item");
      item.box.appendChild(item.node.box);
      var tools = element("p", "wt-form__tools");
      tools.appendChild(button(words.move_up, "", function () { shift(list, item, -1); }));
      tools.appendChild(button(words.move_down, "", function () { shift(list, item, 1); }));
      tools.appendChild(button(words.remove, "wt-form__remove", function () {
        var place = list.items.indexOf(item);
        list.items.splice(place, 1);
        list.list.removeChild(item.box);
        relabel(list);
        onChange();
        var next = list.items[Math.min(place, list.items.length - 1)];
        (next ? firstInput(next.node) : list.add).focus();
      }));
      item.box.appendChild(tools);
      list.items.splice(at, 0, item);
      list.list.insertBefore(item.box, list.list.children[at] || null);
      return item;
    }

    function shift(list, item, by) {
      var place = list.items.indexOf(item);
      var to = place + by;
      if (to < 0 || to >= list.items.length) return;
      list.items.splice(place, 1);
      list.items.splice(to, 0, item);
      item.moved = true;
      list.list.insertBefore(item.box, by < 0 ? list.items[to + 1].box : list.items[to - 1].box.nextSibling);
      relabel(list);
      onChange();
      item.box.querySelector(by < 0 ? ".wt-form__tools button" : ".wt-form__tools button + button").focus();
    }

    // Items are named by their place ("Fee 2"), so every move renames them.
    function relabel(list) {
      list.items.forEach(function (item, place) {
        var name = fill(itemWords(list.key)[0], { number: place + 1 });
        item.node.label = name;
        var legend = item.node.box.querySelector("legend, label");
        if (legend) legend.textContent = name;
        var tools = item.box.querySelectorAll(".wt-form__tools button");
        for (var i = 0; i < tools.length; i++) tools[i].setAttribute("aria-label", tools[i].textContent + ": " + name);
        tools[0].disabled = place === 0;
        tools[1].disabled = place === list.items.length - 1;
      });
    }

    function firstInput(node) {
      return node.input || node.box.querySelector("input, textarea, button");
    }

    // -- the body -----------------------------------------------------------------------

    function buildSteps() {
      stepBox = element("fieldset", "wt-form__group wt-form__steps");
      stepBox.appendChild(element("legend", "wt-form__legend", words.steps));
      (parts.steps || []).forEach(function (step) {
        steps.push(stepEntry(step.step, step.text, step.group));
      });
      renderSteps();
      return stepBox;
    }

    function stepEntry(origin, text, group) {
      var plain = unmarked(text);
      var entry = {
        origin: origin, original: text, shown: plain.text, marks: plain.marks, group: group, removed: false, id: newId()
      };
      text = plain.text;
      // A step is one line, wrapped to be read whole on a phone: Enter adds no line.
      entry.input = element("textarea");
      entry.input.rows = Math.min(5, Math.max(2, Math.ceil(text.length / 60)));
      entry.input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();
      });
      entry.input.id = entry.id;
      entry.input.value = text;
      entry.input.autocomplete = "off";
      entry.input.addEventListener("input", function () {
        if (/[\r\n]/.test(entry.input.value)) entry.input.value = entry.input.value.replace(/\s*[\r\n]+\s*/g, " ");
        onChange();
      });
      entry.box = element("div", "wt-field wt-form__step");
      entry.name = element("label", "wt-label");
      entry.name.htmlFor = entry.id;
      entry.error = element("p", "wt-field-error");
      entry.error.id = entry.id + "-error";
      entry.error.hidden = true;
      entry.box.appendChild(entry.name);
      entry.box.appendChild(entry.error);
      if (plain.links.length) linkHint(entry.box, entry.input, plain.links);
      var tools = element("p", "wt-form__tools");
      tools.appendChild(button(words.move_up, "", function () { swap(entry, -1); }));
      tools.appendChild(button(words.move_down, "", function () { swap(entry, 1); }));
      tools.appendChild(button(words.add_step, "", function () {
        var made = stepEntry(null, "", entry.group);
        steps.splice(steps.indexOf(entry) + 1, 0, made);
        renderSteps();
        onChange();
        made.input.focus();
      }));
      tools.appendChild(button(words.remove_step, "wt-form__remove", function () {
        var shown = visibleSteps();
        var place = shown.indexOf(entry);
        if (entry.origin === null) steps.splice(steps.indexOf(entry), 1);
        else entry.removed = true;
        renderSteps();
        onChange();
        shown = visibleSteps();
        var next = shown[Math.min(place, shown.length - 1)];
        if (next) next.input.focus();
        else stepBox.querySelector("legend").focus();
      }));
      entry.tools = tools;
      entry.box.appendChild(entry.input);
      entry.box.appendChild(tools);
      return entry;
    }

    // Which words are links: they stay links while the words are there.
    function linkHint(box, input, links) {
      var hint = element("p", "wt-hint", fill(words.link_hint, {
        words: links.map(function (link) { return "\u201c" + link.words + "\u201d"; }).join(", ")
      }));
      hint.id = input.id + "-hint";
      box.insertBefore(hint, box.querySelector(".wt-field-error"));
      input.setAttribute("aria-describedby", hint.id);
    }

    function visibleSteps() {
      return steps.filter(function (entry) { return !entry.removed; });
    }

    // Moving a step swaps its words with its neighbour's: two reworded lines in git.
    function swap(entry, by) {
      var shown = visibleSteps();
      var other = shown[shown.indexOf(entry) + by];
      if (!other) return;
      var text = entry.input.value;
      var marks = entry.marks;
      entry.input.value = other.input.value;
      other.input.value = text;
      entry.marks = other.marks;
      other.marks = marks;
      onChange();
      other.input.focus();
    }

    function renderSteps() {
      var legend = stepBox.querySelector("legend");
      legend.tabIndex = -1;
      while (legend.nextSibling) stepBox.removeChild(legend.nextSibling);
      var group = "";
      var shown = visibleSteps();
      shown.forEach(function (entry, place) {
        if (entry.group && entry.group !== group) {
          stepBox.appendChild(element("h4", "wt-form__phase", fill(words.group, { name: entry.group })));
        }
        group = entry.group;
        entry.name.textContent = fill(words.step, { number: place + 1 });
        var buttons = entry.tools.querySelectorAll("button");
        for (var i = 0; i < buttons.length; i++) {
          buttons[i].setAttribute("aria-label", buttons[i].textContent + ": " + entry.name.textContent);
        }
        buttons[0].disabled = place === 0;
        buttons[1].disabled = place === shown.length - 1;
        stepBox.appendChild(entry.box);
      });
    }

    function buildSections() {
      var box = element("fieldset", "wt-form__group");
      box.appendChild(element("legend", "wt-form__legend", words.sections));
      (parts.sections || []).forEach(function (section) {
        var lines = readLines(section.text);
        if (!lines) {
          // A table, HTML, a nested list...: shown as its name, changed in the whole source.
          var kept = element("div", "wt-field");
          kept.appendChild(element("p", "wt-label", section.section));
          kept.appendChild(element("p", "wt-hint", words.section_source));
          box.appendChild(kept);
          return;
        }
        var shown = lines.map(function (line) { return line.shown; }).join("\n");
        var node = buildScalar(shown, "section", section.section, null);
        node.original = section.text;
        node.shown = shown;
        node.lines = lines;
        if (node.input.tagName !== "TEXTAREA") {
          var area = element("textarea");
          area.id = node.input.id;
          area.value = shown;
          area.addEventListener("input", onChange);
          node.box.replaceChild(area, node.input);
          node.input = area;
        }
        node.input.rows = Math.min(12, Math.max(3, lines.length, Math.ceil(section.text.length / 50)));
        node.section = section.section;
        var links = [].concat.apply([], lines.map(function (line) { return line.links; }));
        if (links.length) linkHint(node.box, node.input, links);
        sections.push(node);
        box.appendChild(node.box);
      });
      return box;
    }

    // -- reading it back ------------------------------------------------------------------

    function raw(node) {
      return node.input.type === "checkbox" ? node.input.checked : node.input.value.trim();
    }

    function parsed(node) {
      var value = raw(node);
      if (typeof value === "boolean") return value;
      if (value === "") return undefined;
      if (node.number && NUMBER.test(value)) return Number(value.replace(",", "."));
      return value;
    }

    function valueOf(node) {
      if (node.type === "scalar") return parsed(node);
      if (node.type === "list") {
        return node.items.map(function (item) { return valueOf(item.node); })
          .filter(function (value) { return value !== undefined; });
      }
      var made = {};
      var original = node.original || {};
      Object.keys(original).forEach(function (name) { made[name] = original[name]; });
      node.entries.forEach(function (entry) {
        var value = valueOf(entry.node);
        if (value === undefined) delete made[entry.key];
        else made[entry.key] = value;
      });
      return made;
    }

    function same(a, b) {
      return JSON.stringify(a) === JSON.stringify(b);
    }

    function path(parent, step) {
      return typeof step === "number" ? parent + "[" + step + "]" : (parent ? parent + "." + step : step);
    }

    // The entries that turn the original into what the form shows, and what each says.
    function collect(node, where, out) {
      if (node.type === "scalar") {
        var now = parsed(node);
        if (same(now, node.original)) return;
        if (now === undefined) {
          if (!REQUIRED[node.key]) out.push({ change: { field: where, remove: true }, node: node, kind: "removed" });
          return;
        }
        out.push({ change: { field: where, set: now }, node: node, kind: "set" });
        return;
      }
      if (node.type === "map") {
        node.entries.forEach(function (entry) { collect(entry.node, path(where, entry.key), out); });
        return;
      }
      var kept = node.items.filter(function (item) { return item.origin !== null; })
        .map(function (item) { return item.origin; });
      var current = [];
      var place;
      for (place = node.original.length - 1; place >= 0; place--) {
        if (kept.indexOf(place) === -1) {
          out.push({ change: { field: path(where, place), remove: true }, list: node, kind: "item_removed", place: place });
        }
      }
      for (place = 0; place < node.original.length; place++) if (kept.indexOf(place) !== -1) current.push(place);
      var before = current.slice();
      var moves = 0;
      kept.forEach(function (origin, to) {
        var from = current.indexOf(origin);
        if (from === to) return;
        out.push({ change: { field: path(where, from), move: to }, kind: "quiet" });
        moves += 1;
        current.splice(from, 1);
        current.splice(to, 0, origin);
      });
      // Said of the items the citizen moved, whichever the entries above happened to move.
      node.items.forEach(function (item, to) {
        if (moves && item.moved && item.origin !== null && before.indexOf(item.origin) !== kept.indexOf(item.origin)) {
          out.push({ change: null, list: node, kind: "item_moved", origin: item.origin, place: to });
        }
      });
      node.items.forEach(function (item, to) {
        if (item.origin !== null) return;
        var value = valueOf(item.node);
        if (value === undefined) return;  // an empty new line: nothing to add
        out.push({ change: { field: where, insert: to, value: value }, list: node, item: item, kind: "item_added" });
      });
      node.items.forEach(function (item, to) {
        if (item.origin !== null) collect(item.node, path(where, to), out);
      });
    }

    function nameOf(value) {
      if (value !== null && typeof value === "object") {
        return String(value.label || value.name || value.title || "");
      }
      return String(value === undefined ? "" : value);
    }

    function collectSteps(out) {
      steps.forEach(function (entry) {
        if (entry.origin === null || entry.removed) return;
        var text = written(entry);
        if (text && text !== entry.original) out.push({ change: { step: entry.origin, text: text }, step: entry, kind: "step" });
      });
      var current = steps.filter(function (entry) { return entry.origin !== null; });
      steps.forEach(function (entry, at) {
        if (entry.origin !== null) return;
        var text = entry.input.value.trim();
        if (!text) return;
        var before = at > 0 ? steps[at - 1] : null;
        var anchor = before || current[0];
        var place = current.indexOf(anchor);
        if (place === -1) return;  // no original step to put it beside
        out.push({ change: { step: place, insert: before ? "after" : "before", text: text }, step: entry, kind: "step_added" });
        current.splice(before ? place + 1 : place, 0, entry);
      });
      for (var k = current.length - 1; k >= 0; k--) {
        if (current[k].removed) out.push({ change: { step: k, remove: true }, step: current[k], kind: "step_removed" });
      }
    }

    function collectSections(out) {
      sections.forEach(function (node) {
        var now = node.input.value.replace(/\r\n/g, "\n").trim();
        var text = now === node.shown.trim() ? node.original : rewritten(node.lines, now);
        if (text && text !== node.original && text.trim() !== node.original.trim()) {
          out.push({ change: { section: node.section, text: text }, node: node, kind: "section" });
        }
      });
    }

    function edits() {
      var out = [];
      SHOWN.forEach(function (key) {
        var entry = root.entries.filter(function (e) { return e.key === key; })[0];
        if (entry) collect(entry.node, key, out);
      });
      collectSteps(out);
      collectSections(out);
      return out;
    }

    // -- in words -------------------------------------------------------------------------

    function money(amount, node) {
      var currency = node.parent && node.parent.type === "map"
        ? node.parent.entries.filter(function (e) { return e.key === "currency"; })[0] : null;
      var code = currency ? raw(currency.node) : "";
      if (typeof amount !== "number" || !currencies[code]) return amount === undefined ? "" : String(amount);
      try {
        return new Intl.NumberFormat(lang, { style: "currency", currency: code }).format(amount);
      } catch (ignored) {
        return String(amount);
      }
    }

    function fieldName(node) {
      var owner = node.parent;
      if (owner === root) return node.label;
      if (owner && owner.parent === root && owner.type === "map") return owner.label;  // situations
      if (owner && owner.type === "map" && owner.parent) {
        var named = nameOf(valueOf(owner)) || owner.label;
        return node.key === "amount" ? named : named + " (" + node.label + ")";
      }
      return node.label;
    }

    function sentence(edit) {
      var text;
      var target;
      if (edit.kind === "set" || edit.kind === "removed") {
        var node = edit.node;
        var old = node.key === "amount" ? money(node.original, node) : String(node.original);
        var now = node.key === "amount" ? money(parsed(node), node) : String(parsed(node));
        if (edit.kind === "removed") text = fill(words.removed_value, { field: fieldName(node) });
        else if (node.original === undefined || node.original === "") text = fill(words.added_value, { field: fieldName(node), "new": now });
        else text = fill(words.changed_value, { field: fieldName(node), old: old, "new": now });
        target = node.input;
      } else if (edit.kind === "item_added") {
        text = fill(words.item_added, { item: edit.item.node.label, name: nameOf(valueOf(edit.item.node)) });
        target = firstInput(edit.item.node);
      } else if (edit.kind === "item_removed") {
        text = fill(words.item_removed, {
          item: fill(itemWords(edit.list.key)[0], { number: edit.place + 1 }),
          name: nameOf(edit.list.original[edit.place])
        });
        target = edit.list.add;
      } else if (edit.kind === "item_moved") {
        var moved = edit.list.items.filter(function (item) { return item.origin === edit.origin; })[0];
        text = fill(words.item_moved, { item: moved.node.label, name: nameOf(valueOf(moved.node)) });
        target = firstInput(moved.node);
      } else if (edit.kind === "step" || edit.kind === "step_added") {
        var number = visibleSteps().indexOf(edit.step) + 1;
        var was = steps.filter(function (e) { return e.shown === edit.step.input.value.trim() && e !== edit.step; })[0];
        text = edit.kind === "step_added" ? fill(words.step_added, { text: edit.change.text })
          : fill(was ? words.step_moved : words.step_reworded, { number: number });
        target = edit.step.input;
      } else if (edit.kind === "step_removed") {
        text = fill(words.step_removed, { number: edit.step.origin + 1 });
        target = stepBox.querySelector("legend");
      } else {
        text = fill(words.section_reworded, { name: edit.node.section });
        target = edit.node.input;
      }
      return { text: text, field: target };
    }

    // -- checks ---------------------------------------------------------------------------

    function problems() {
      var found = [];
      function visit(node, required) {
        if (node.type === "scalar") {
          if (node.input.type === "checkbox") return;
          var value = raw(node);
          var name = fieldName(node);
          if (!value && (required || REQUIRED[node.key])) {
            // A field the guide had, an item of a list, or a new item's: not one left unsaid.
            var had = node.original !== undefined && node.original !== "";
            if (had || node.parent.type === "list" || isNew(node)) {
              found.push({ field: node.input, text: fill(words.error_empty, { field: name }) });
            }
          } else if (value && node.number && !NUMBER.test(value)) {
            found.push({ field: node.input, text: fill(words.error_amount, { field: name }) });
          } else if (value && node.key === "currency" && !currencies[value]) {
            found.push({ field: node.input, text: fill(words.error_currency, { field: name, code: value }) });
          }
          return;
        }
        if (node.type === "map") node.entries.forEach(function (e) { visit(e.node, false); });
        else node.items.forEach(function (item) { visit(item.node, true); });
      }
      root.entries.forEach(function (entry) { visit(entry.node, false); });
      var shown = visibleSteps();
      shown.forEach(function (entry) {
        if (!entry.input.value.trim()) {
          found.push({ field: entry.input, text: fill(words.error_empty, { field: entry.name.textContent }) });
        }
      });
      if (stepBox && !shown.length) {
        found.push({ field: stepBox.querySelector("legend"), text: words.error_last_step });
      }
      sections.forEach(function (node) {
        if (!node.input.value.trim()) found.push({ field: node.input, text: fill(words.error_empty, { field: node.section }) });
      });
      return found;
    }

    function isNew(node) {
      for (var at = node; at && at.parent; at = at.parent) {
        if (at.parent.type === "list") {
          var item = at.parent.items.filter(function (i) { return i.node === at; })[0];
          if (item && item.origin === null) return true;
        }
      }
      return false;
    }

    // -- deep links -----------------------------------------------------------------------

    // `fees[2].amount` or `fees.2.amount` as ["fees", 2, "amount"].
    function pathOf(field) {
      var out = [];
      var pattern = /\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\.(\d+)/g;
      var match;
      var at = 0;
      while ((match = pattern.exec(field)) && match.index === at) {
        out.push(match[1] !== undefined ? match[1] : Number(match[2] !== undefined ? match[2] : match[3]));
        at = pattern.lastIndex;
      }
      return at === field.length && out.length ? out : null;
    }

    function find(field) {
      var path = pathOf(String(field || ""));
      if (!path) return null;
      if (path[0] === "steps") {
        var entry = steps.filter(function (e) { return e.origin === path[1]; })[0];
        return entry && !entry.removed ? entry.input : path.length === 1 && stepBox ? firstStep() : null;
      }
      var node = nodeAt(path);
      return node ? firstInput(node) : null;
    }

    // The deepest node of the form on a field's path (null: not in the form at all).
    function nodeAt(path) {
      var node = root;
      for (var i = 0; i < path.length; i++) {
        var step = path[i];
        if (node.type === "map") {
          var found = node.entries.filter(function (e) { return e.key === step; })[0];
          if (!found) return node === root ? null : node;
          node = found.node;
        } else if (node.type === "list" && typeof step === "number" && node.items[step]) {
          node = node.items[step].node;
        } else {
          break;
        }
      }
      return node === root ? null : node;
    }

    // What the form calls a field ("Online renewal (Note)", "Step 4"), or "".
    function nameAt(field) {
      var path = pathOf(String(field || ""));
      if (!path) return "";
      if (path[0] === "steps") {
        var entry = steps.filter(function (e) { return e.origin === path[1]; })[0];
        return entry ? entry.name.textContent : words.steps;
      }
      var node = nodeAt(path);
      if (!node) return "";
      return node.type === "scalar" ? fieldName(node) : node.label;
    }

    function firstStep() {
      var shown = visibleSteps();
      return shown.length ? shown[0].input : stepBox.querySelector("legend");
    }

    // -- the form -------------------------------------------------------------------------

    container.appendChild(element("p", "wt-hint", words.form_hint));
    var facts = element("div", "wt-form__facts");
    SHOWN.forEach(function (key) {
      if (!Object.prototype.hasOwnProperty.call(fields, key)) return;
      var value = fields[key];
      if (value === null || typeof value !== "object") return;  // "free", "not stated": the source
      var node = build(value, key, fieldLabel(key), root);
      root.entries.push({ key: key, node: node });
      facts.appendChild(node.box);
    });
    if (facts.children.length) {
      container.appendChild(element("h3", "", words.facts));
      container.appendChild(facts);
    }
    if (parts.steps && parts.steps.length) container.appendChild(buildSteps());
    if (parts.sections && parts.sections.length) container.appendChild(buildSections());

    return {
      /* The change list's entries, in the order they apply. */
      changes: function () {
        return edits().filter(function (edit) { return edit.change; })
          .map(function (edit) { return edit.change; });
      },
      /* What changed, as [{text, field}] (field: the element to go back to). */
      sentences: function () {
        return edits().filter(function (edit) { return edit.kind !== "quiet"; }).map(sentence);
      },
      /* What is wrong, as [{field, text}]. */
      problems: problems,
      /* The front matter as the form has it, for a schema validator. */
      frontMatter: function () {
        return valueOf(root);
      },
      /* The element of a field path (`fees[2]`, `fees.2.amount`, `steps.3`), or null. */
      find: find,
      /* What the form calls a field path, for a problem's message ("" when not in the form). */
      name: nameAt,
      /* Switch every field off (the whole source is being edited) or on again. */
      disable: function (off) {
        var controls = container.querySelectorAll("input, textarea, button");
        for (var i = 0; i < controls.length; i++) {
          if (off) controls[i].setAttribute("disabled", "");
          else controls[i].removeAttribute("disabled");
        }
        if (!off) {
          lists.forEach(relabel);
          if (stepBox) renderSteps();
        }
      }
    };
  }

  window.WikitoolForm = { create: create, fill: fill };
})();
