/*
 * window.WikitoolGuideValidator.validate(frontMatter) -> [{field, message}]
 *
 * The guide's JSON Schema (wikitool/schema/guide.schema.json), checked in the browser
 * before a suggestion is sent; the server checks everything again. `field` is a path in
 * the suggestion format's `changes` syntax (README, "A list of changes"): keys joined by
 * ".", list places in brackets from 0: "fees[2].amount", "documents[1].name". Where a
 * value may take one of two shapes (a fee or a group of fees), only the problems of the
 * shape it comes closest to are reported, as `wikitool check` does.
 */
import * as compiled from "wt-schema-validate";

var validateSchema = compiled.main;

function fieldPath(pointer) {
  var path = "";
  var parts = pointer.split("/").slice(1);
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i].replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^(0|[1-9][0-9]*)$/.test(part)) path += "[" + part + "]";
    else path += (path ? "." : "") + part;
  }
  return path;
}

// The schema's patterns ($defs and fields), said as what is expected.
var PATTERNS = {
  "^[A-Z]{3}$": "must be a currency code of three capital letters, such as EUR",
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "must be a date written YYYY-MM-DD, such as 2026-10-27",
  "^https://[^\\s<>\"']+$": "must be a web address starting with https://",
  "^(free|not stated)$": "must be a list of fees, free or not stated",
  "^not stated$": "must be a list of times or not stated",
  "^[^<>\\u0000-\\u001f\\u007f]*$": "must be one line of text without < or >",
  "^[a-z0-9]+(-[a-z0-9]+)*$": "must be lowercase letters and digits joined by hyphens"
};

function describe(error) {
  var p = error.params || {};
  switch (error.keyword) {
    case "required": return "is required";
    case "additionalProperties": return "is not a field a guide can have";
    case "type": return "must be " + (p.type === "integer" ? "a whole number" : p.type === "number" ? "a number" : p.type === "string" ? "text" : p.type === "array" ? "a list" : p.type === "object" ? "a group of fields" : p.type);
    case "minLength": return p.limit === 1 ? "must not be empty" : "must be at least " + p.limit + " characters long";
    case "maxLength": return "must be at most " + p.limit + " characters long";
    case "minItems": return "must have at least " + p.limit + (p.limit === 1 ? " item" : " items");
    case "maxItems": return "must have at most " + p.limit + " items";
    case "minimum": return "must be " + p.limit + " or more";
    case "maximum": return "must be " + p.limit + " or less";
    case "exclusiveMinimum": return "must be more than " + p.limit;
    case "exclusiveMaximum": return "must be less than " + p.limit;
    case "enum": return "must be one of: " + p.allowedValues.join(", ");
    case "const": return "must be " + p.allowedValue;
    case "pattern": return PATTERNS[p.pattern] || "is not in the expected form";
    case "uniqueItems": return "must not list the same item twice";
    default: return error.message || "is not valid";
  }
}

// An anyOf failure: ajv reports every alternative's errors just before it, with paths
// that do not say which alternative. The value is checked against each alternative on its
// own (compiled beside the schema, build.mjs); the errors of the one with the fewest
// replace them all.
function closest(errors, value) {
  var out = [];
  for (var at = 0; at < errors.length; at++) {
    var any = errors[at];
    if (any.keyword !== "anyOf") {
      out.push(any);
      continue;
    }
    var here = any.instancePath;
    while (out.length && (out[out.length - 1].instancePath === here ||
                          out[out.length - 1].instancePath.indexOf(here + "/") === 0)) out.pop();
    var best = null;
    for (var i = 0; compiled[any.schemaPath + "/" + i]; i++) {
      var check = compiled[any.schemaPath + "/" + i];
      var found = check(valueAt(value, here)) ? [] : check.errors || [];
      if (best === null || found.length < best.length) best = found;
    }
    (best || [any]).forEach(function (e) {
      out.push(best ? Object.assign({}, e, { instancePath: here + e.instancePath }) : e);
    });
  }
  return out;
}

function valueAt(value, pointer) {
  var parts = pointer.split("/").slice(1);
  for (var i = 0; i < parts.length && value != null; i++) {
    value = value[parts[i].replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return value;
}

function validate(frontMatter) {
  if (validateSchema(frontMatter)) return [];
  var seen = {};
  var found = [];
  closest(validateSchema.errors || [], frontMatter).forEach(function (error) {
    var pointer = error.instancePath;
    if (error.keyword === "required") pointer += "/" + error.params.missingProperty;
    if (error.keyword === "additionalProperties") pointer += "/" + error.params.additionalProperty;
    var problem = { field: fieldPath(pointer), message: describe(error) };
    var key = problem.field + "\n" + problem.message;
    if (seen[key]) return;
    seen[key] = true;
    found.push(problem);
  });
  return found;
}

window.WikitoolGuideValidator = { validate: validate };
