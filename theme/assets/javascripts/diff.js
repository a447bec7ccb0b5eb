/*
 * A line diff and a word diff, small enough to run on every keystroke of the
 * suggestion page's editor (suggest.js shows the result).
 *
 * Both trim the common start and end first (an edit usually touches a few lines of
 * a guide), then take a longest common subsequence of what is left. Past a size
 * where that would make typing slow, the middle is shown as removed and added whole.
 */
(function () {
  "use strict";

  var MAX_CELLS = 4000000;

  /* The longest common subsequence of a and b as a list of operations
     {type: "same" | "del" | "add", value}. */
  function sequence(a, b) {
    var start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    var endA = a.length;
    var endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
      endA--;
      endB--;
    }
    var ops = [];
    var i;
    for (i = 0; i < start; i++) ops.push({ type: "same", value: a[i] });
    var n = endA - start;
    var m = endB - start;
    if (n * m > MAX_CELLS) {
      for (i = start; i < endA; i++) ops.push({ type: "del", value: a[i] });
      for (i = start; i < endB; i++) ops.push({ type: "add", value: b[i] });
    } else {
      middle(a, b, start, n, m, ops);
    }
    for (i = endA; i < a.length; i++) ops.push({ type: "same", value: a[i] });
    return ops;
  }

  function middle(a, b, start, n, m, ops) {
    // lengths[i * (m + 1) + j]: the LCS length of a[start + i:] and b[start + j:].
    var width = m + 1;
    var lengths = new Uint32Array((n + 1) * width);
    var i;
    var j;
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        lengths[i * width + j] = a[start + i] === b[start + j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    i = 0;
    j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        ops.push({ type: "same", value: a[start + i] });
        i++;
        j++;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
        ops.push({ type: "del", value: a[start + i] });
        i++;
      } else {
        ops.push({ type: "add", value: b[start + j] });
        j++;
      }
    }
    for (; i < n; i++) ops.push({ type: "del", value: a[start + i] });
    for (; j < m; j++) ops.push({ type: "add", value: b[start + j] });
  }

  /* The changed lines between two texts, in blocks: {oldLine, newLine (1-based,
     where the block starts), before: [context lines], removed: [...], added: [...],
     after: [context lines]}. */
  function lineChanges(oldText, newText, context) {
    var ops = sequence(oldText.split("\n"), newText.split("\n"));
    var blocks = [];
    var oldLine = 1;
    var newLine = 1;
    var current = null;
    for (var k = 0; k < ops.length; k++) {
      var op = ops[k];
      if (op.type === "same") {
        if (current) {
          blocks.push(current);
          current.after = following(ops, k, context);
          current = null;
        }
        oldLine++;
        newLine++;
        continue;
      }
      if (!current) {
        current = {
          oldLine: oldLine, newLine: newLine, before: preceding(ops, k, context),
          removed: [], added: [], after: []
        };
      }
      if (op.type === "del") {
        current.removed.push(op.value);
        oldLine++;
      } else {
        current.added.push(op.value);
        newLine++;
      }
    }
    if (current) blocks.push(current);
    return blocks;
  }

  function preceding(ops, k, count) {
    var lines = [];
    for (var i = k - 1; i >= 0 && lines.length < count && ops[i].type === "same"; i--) {
      lines.unshift(ops[i].value);
    }
    return lines;
  }

  function following(ops, k, count) {
    var lines = [];
    for (var i = k; i < ops.length && lines.length < count && ops[i].type === "same"; i++) {
      lines.push(ops[i].value);
    }
    return lines;
  }

  var TOKEN = /\s+|[0-9A-Za-z\u00C0-\u024F\u0370-\uFFFF]+|[^\s0-9A-Za-z\u00C0-\u024F\u0370-\uFFFF]/g;

  /* Two versions of a line as runs {text, changed} for each side. */
  function wordChanges(oldLine, newLine) {
    var ops = sequence(oldLine.match(TOKEN) || [], newLine.match(TOKEN) || []);
    var before = [];
    var after = [];
    for (var i = 0; i < ops.length; i++) {
      var op = ops[i];
      if (op.type !== "add") append(before, op.value, op.type === "del");
      if (op.type !== "del") append(after, op.value, op.type === "add");
    }
    return { before: before, after: after };
  }

  function append(runs, text, changed) {
    var last = runs[runs.length - 1];
    if (last && last.changed === changed) last.text += text;
    else runs.push({ text: text, changed: changed });
  }

  window.WikitoolDiff = { lineChanges: lineChanges, wordChanges: wordChanges };
})();
