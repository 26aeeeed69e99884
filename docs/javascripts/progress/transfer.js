// Moving progress between browsers: export to a file, import it (merge or replace), and share
// links that carry the marks in the address's fragment, which browsers never send to a server.
(function (mf) {
  "use strict";

  var FILE_FORMAT = "mathforml-progress";
  // Budgets on incoming marks: a syllabus of thousands of topics fits in far less, and reading marks
  // costs time per mark (old address-keyed ones are matched against every resource).
  var MAX_FILE_BYTES = 1024 * 1024;
  var MAX_SHARE_CHARS = 256 * 1024; // of the base64url code after #progress=
  var MAX_MARKS = 5000; // topics and resources together
  var SHARE_PREFIX = "#progress=";

  // How many marks a topics or resources field holds, without reading them.
  function count(field) {
    if (Array.isArray(field)) return field.length;
    return field && typeof field === "object" ? Object.keys(field).length : 0;
  }

  mf.exportProgress = function (state) {
    var file = mf.serialize(state);
    file = { format: FILE_FORMAT, version: 2, site: mf.root.href, exported: new Date().toISOString(),
             topics: file.topics, resources: Object.keys(state.resources).sort(),
             hoursPerWeek: file.hoursPerWeek, goal: file.goal };
    var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "mathforml-progress.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  };

  // Reads incoming marks against this syllabus. Returns {state, report} or throws with a message.
  function accept(data, raw) {
    if (!raw || typeof raw !== "object" || raw.format !== FILE_FORMAT) {
      throw new Error(mf.t("js.not-progress-file"));
    }
    if (raw.version !== undefined && mf.KNOWN_VERSIONS.indexOf(raw.version) === -1) {
      throw new Error(mf.t("js.unknown-version", { version: String(raw.version).slice(0, 20) }));
    }
    if (count(raw.topics) + count(raw.resources) > MAX_MARKS) {
      throw new Error(mf.t("js.file-too-many", { limit: MAX_MARKS })); // share links are counted before
    }
    var read = mf.normalize(raw, mf.FILE_FIELDS);
    if (read.dropped) {
      throw new Error(mf.t("js.invalid-entries", {
        entries: mf.t("js.entries", { count: read.dropped }), min: mf.HOURS.min, max: mf.HOURS.max }));
    }
    mf.migrate(data, read.state);
    var unknown = mf.keepKnown(data, read.state);
    return { state: read.state, unknown: unknown };
  }

  function describe(incoming) {
    var topics = Object.keys(incoming.state.topics).length;
    var resources = Object.keys(incoming.state.resources).length;
    var text = mf.t("js.what", { topics: mf.t("js.topics", { count: topics }),
                                 resources: mf.t("js.resources", { count: resources }) });
    var ignored = incoming.unknown.topics.length + incoming.unknown.resources.length;
    if (ignored) {
      text += mf.t("js.ignored", { marks: mf.t("js.marks", { count: ignored }) }) +
        (incoming.unknown.topics.length ? " (" + incoming.unknown.topics.slice(0, 5).join(", ") +
          (incoming.unknown.topics.length > 5 ? ", …" : "") + ")" : "");
    }
    return text;
  }

  // Merge (the default) or replace, then save; says what happened, or that nothing could be kept.
  mf.apply = function (data, incoming, replace) {
    var next = replace ? incoming.state : mf.merge(mf.load(), incoming.state);
    if (!mf.save(next)) {
      return { ok: false, message: mf.t("js.storage-full") };
    }
    return { ok: true, state: next,
             message: mf.t(replace ? "js.replaced" : "js.merged", { what: describe(incoming) }) };
  };

  mf.importFile = function (data, file, replace) {
    if (file.size > MAX_FILE_BYTES) {
      return Promise.resolve({ ok: false, message: mf.t("js.too-large", { limit: MAX_FILE_BYTES / 1024 }) });
    }
    return file.text().then(function (text) {
      var raw;
      try { raw = JSON.parse(text); } catch (error) {
        throw new Error(mf.t("js.not-progress-file"));
      }
      return mf.apply(data, accept(data, raw), replace);
    }).catch(function (error) { return { ok: false, message: error.message }; });
  };

  // Share links: the marks, compressed to short codes, in base64url after #progress=.
  var CODES = { "done": "d", "in-progress": "p", "skipped": "s" };
  var STATES = { d: "done", p: "in-progress", s: "skipped" };

  mf.shareLink = function (state) {
    var topics = {};
    Object.keys(state.topics).forEach(function (id) { topics[id] = CODES[state.topics[id]]; });
    var json = JSON.stringify({ t: topics, r: Object.keys(state.resources) });
    var bytes = new TextEncoder().encode(json), binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    var code = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return new URL("plan/" + SHARE_PREFIX + code, mf.root).href;
  };

  // The incoming marks of a share link in the current address, or null; throws on a damaged link.
  mf.readShareLink = function (data) {
    if (location.hash.indexOf(SHARE_PREFIX) !== 0) return null;
    if (location.hash.length - SHARE_PREFIX.length > MAX_SHARE_CHARS) {
      throw new Error(mf.t("js.share-too-large", { limit: MAX_SHARE_CHARS }));
    }
    var code = location.hash.slice(SHARE_PREFIX.length).replace(/-/g, "+").replace(/_/g, "/");
    var raw;
    try {
      var binary = atob(code), bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      raw = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      throw new Error(mf.t("js.share-damaged"));
    }
    var topics = {};
    var shared = raw && raw.t && typeof raw.t === "object" ? raw.t : {};
    if (count(shared) + count(raw && raw.r) > MAX_MARKS) {
      throw new Error(mf.t("js.share-too-many", { limit: MAX_MARKS }));
    }
    Object.keys(shared).forEach(function (id) { topics[id] = STATES[shared[id]] || shared[id]; });
    return accept(data, { format: FILE_FORMAT, topics: topics, resources: raw && raw.r });
  };

  mf.describeIncoming = describe;
})(window.mathforml = window.mathforml || {});
