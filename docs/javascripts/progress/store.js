// Progress as kept in this browser: each topic's state, the resources done, weekly hours and a goal.
// Nothing is sent anywhere. Dictionaries have no prototype, so ids like "constructor" are just ids.
(function (mf) {
  "use strict";

  // Served as <site root>/javascripts/progress.js (hooks.py joins the parts): the root keeps two
  // syllabi on one origin apart.
  mf.root = new URL("..", document.currentScript.src);
  var KEY = "mathforml-progress:" + mf.root.pathname;
  var STATES = ["in-progress", "done", "skipped"]; // absent: not started
  mf.HOURS = { min: 0.5, max: 168 };

  function dict() { return Object.create(null); }
  mf.has = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
  mf.isState = function (value) { return STATES.indexOf(value) !== -1; };
  mf.emptyState = function () { return { topics: dict(), resources: dict(), hoursPerWeek: null, goal: "" }; };

  // A weekly number of hours the plan can use, or null: finite, within 0.5 to 168.
  mf.validHours = function (value) {
    if (value === null || value === "" || typeof value === "boolean") return null;
    var hours = Number(value);
    return isFinite(hours) && hours >= mf.HOURS.min && hours <= mf.HOURS.max ? hours : null;
  };

  // What stored progress holds; an export file holds its own fields too (transfer.js passes them).
  var STORED_FIELDS = ["version", "topics", "resources", "hoursPerWeek", "goal"];
  mf.FILE_FIELDS = ["format", "site", "exported"];
  mf.KNOWN_VERSIONS = [1, 2]; // the first version's had none

  // Reads the stored shape, this version's export and the first version's (lists of done ids), with
  // extraFields allowed besides the stored ones. Returns the state and how many entries were dropped.
  mf.normalize = function (raw, extraFields) {
    var known = STORED_FIELDS.concat(extraFields || []);
    var state = mf.emptyState(), dropped = 0;
    if (raw === null || raw === undefined) return { state: state, dropped: 0 };
    if (typeof raw !== "object" || Array.isArray(raw)) return { state: state, dropped: 1 };
    // A later version's record may mean more than this version reads: all of it is set aside.
    if (raw.version !== undefined && mf.KNOWN_VERSIONS.indexOf(raw.version) === -1) dropped++;
    Object.keys(raw).forEach(function (field) { if (known.indexOf(field) === -1) dropped++; });
    var topics = raw.topics, resources = raw.resources;
    if (Array.isArray(topics)) {
      topics.forEach(function (id) { if (typeof id === "string") state.topics[id] = "done"; else dropped++; });
    } else if (topics && typeof topics === "object") {
      Object.keys(topics).forEach(function (id) {
        var value = topics[id] === true ? "done" : topics[id];
        if (mf.isState(value)) state.topics[id] = value; else dropped++;
      });
    } else if (topics !== undefined) dropped++;
    if (Array.isArray(resources)) {
      resources.forEach(function (key) { if (typeof key === "string") state.resources[key] = true; else dropped++; });
    } else if (resources && typeof resources === "object") {
      Object.keys(resources).forEach(function (key) { if (resources[key] === true) state.resources[key] = true; else dropped++; });
    } else if (resources !== undefined) dropped++;
    if (raw.hoursPerWeek !== undefined && raw.hoursPerWeek !== null) {
      state.hoursPerWeek = mf.validHours(raw.hoursPerWeek);
      if (state.hoursPerWeek === null) dropped++;
    }
    if (typeof raw.goal === "string") state.goal = raw.goal;
    else if (raw.goal !== undefined && raw.goal !== null) dropped++;
    return { state: state, dropped: dropped };
  };

  mf.serialize = function (state) {
    return { version: 2, topics: state.topics, resources: state.resources, hoursPerWeek: state.hoursPerWeek, goal: state.goal };
  };

  // What this version could not read of the stored progress is copied, as it was, to SET_ASIDE
  // before anything is saved over it, and the plan page says so (mf.setAside): never dropped unsaid.
  var SET_ASIDE = KEY + ":set-aside";
  mf.setAside = null;

  function keepAside(text, entries) {
    try {
      if (localStorage.getItem(SET_ASIDE) !== text) localStorage.setItem(SET_ASIDE, text);
      mf.setAside = { entries: entries, key: SET_ASIDE };
    } catch (error) {
      mf.setAside = { entries: entries, key: "" };
    }
  }

  mf.load = function () {
    var text = null;
    try {
      text = localStorage.getItem(KEY);
    } catch (error) {
      return mf.emptyState();
    }
    var read;
    try {
      read = mf.normalize(JSON.parse(text));
    } catch (error) {
      keepAside(text, 1);
      return mf.emptyState();
    }
    if (read.dropped) keepAside(text, read.dropped);
    return read.state;
  };

  // True when the state was written; false when storage is full or blocked (private modes).
  mf.save = function (state) {
    try {
      localStorage.setItem(KEY, JSON.stringify(mf.serialize(state)));
      return true;
    } catch (error) {
      return false;
    }
  };

  // Incoming marks over the current ones: a topic's state from the incoming side where it has one.
  mf.merge = function (current, incoming) {
    var merged = mf.emptyState();
    [current, incoming].forEach(function (side) {
      Object.keys(side.topics).forEach(function (id) { merged.topics[id] = side.topics[id]; });
      Object.keys(side.resources).forEach(function (key) { merged.resources[key] = true; });
    });
    merged.hoursPerWeek = incoming.hoursPerWeek || current.hoursPerWeek;
    merged.goal = incoming.goal || current.goal;
    return merged;
  };
})(window.mathforml = window.mathforml || {});
