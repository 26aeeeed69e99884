// The syllabus as the build writes it for this script (javascripts/progress-data.json: the part of
// syllabus.json it reads), and what follows from it for a learner's state: which topics are
// covered, which come next, and which ids a state may hold.
(function (mf) {
  "use strict";

  var loading = null;

  mf.syllabus = function () {
    if (!loading) {
      loading = fetch(new URL("javascripts/progress-data.json", mf.root)).then(function (response) {
        if (!response.ok) throw new Error("progress-data.json: HTTP " + response.status);
        return response.json();
      }).then(index);
    }
    return loading;
  };

  function index(data) {
    mf.texts = data.strings || {};
    data.byId = Object.create(null);
    data.resourceKeys = Object.create(null);
    data.renamed = Object.create(null);
    data.topics.forEach(function (topic) {
      data.byId[topic.id] = topic;
      (topic.formerly || []).forEach(function (old) { data.renamed[old] = topic.id; });
      topic.href = new URL(topic.url, mf.root).href;
      (topic.resources || []).forEach(function (resource) { data.resourceKeys[resource.key] = resource; });
    });
    return data;
  }

  // Skipped counts as covered: for paths, the plan and what is ready, as if done.
  mf.covered = function (state, id) {
    return state.topics[id] === "done" || state.topics[id] === "skipped";
  };

  mf.isReady = function (state, topic) {
    return !mf.covered(state, topic.id) && topic.requires.every(function (id) { return mf.covered(state, id); });
  };

  // The first topic in reading order not yet covered, or null when every one is.
  mf.continueWith = function (data, state) {
    return data.topics.filter(function (t) { return !mf.covered(state, t.id); })[0] || null;
  };

  // Every topic needed before `goal`, and the goal itself, in reading order.
  mf.pathTo = function (data, goal) {
    var seen = Object.create(null), stack = [goal];
    while (stack.length) {
      var id = stack.pop();
      if (seen[id] || !data.byId[id]) continue;
      seen[id] = true;
      stack.push.apply(stack, data.byId[id].requires);
    }
    return data.topics.filter(function (t) { return seen[t.id]; });
  };

  mf.remainingHours = function (topics, state) {
    return topics.reduce(function (sum, t) { return mf.covered(state, t.id) ? sum : sum + t.hours; }, 0);
  };

  // Marks under a renamed topic's former id move to its id (its resources' keys too), unless the
  // new id already has its own. Returns true when anything moved.
  function migrateRenames(data, state) {
    var moved = false;
    Object.keys(state.topics).forEach(function (id) {
      var now = data.renamed[id];
      if (!now || data.byId[id]) return;
      if (!state.topics[now]) state.topics[now] = state.topics[id];
      delete state.topics[id];
      moved = true;
    });
    Object.keys(state.resources).forEach(function (key) {
      var parts = key.split("|");
      var now = parts.length === 3 && data.renamed[parts[0]];
      if (!now || data.byId[parts[0]]) return;
      state.resources[[now, parts[1], parts[2]].join("|")] = true;
      delete state.resources[key];
      moved = true;
    });
    return moved;
  }

  // Brings older marks up to date: former ids of renamed topics, and resource marks made before
  // resources were keyed per topic, which are keyed by address alone. Each of those carries over to
  // every resource with that address, as such a mark showed on every page that listed it.
  mf.migrate = function (data, state) {
    var renamed = migrateRenames(data, state);
    var old = Object.keys(state.resources).filter(function (key) { return key.indexOf("|") === -1; });
    old.forEach(function (address) {
      var href;
      try { href = new URL(address).href; } catch (error) { href = address; }
      Object.keys(data.resourceKeys).forEach(function (key) {
        var url = data.resourceKeys[key].url;
        if (url === address || new URL(url).href === href) state.resources[key] = true;
      });
      delete state.resources[address];
    });
    return renamed || old.length > 0;
  };

  // Keeps what this syllabus knows; returns the ids and keys it dropped.
  mf.keepKnown = function (data, state) {
    var unknown = { topics: [], resources: [] };
    Object.keys(state.topics).forEach(function (id) {
      if (!data.byId[id]) { unknown.topics.push(id); delete state.topics[id]; }
    });
    Object.keys(state.resources).forEach(function (key) {
      if (!data.resourceKeys[key]) { unknown.resources.push(key); delete state.resources[key]; }
    });
    if (state.goal && !data.byId[state.goal]) state.goal = "";
    return unknown;
  };

  // A text of the site's language (mathforml/strings/), with {name} filled in from `values`; a text
  // with 'one' and 'other' forms is chosen by values.count.
  mf.t = function (key, values) {
    var text = mf.texts[key];
    if (text && typeof text === "object") {
      text = (mf.texts["plural-one"] || [1]).indexOf(values.count) !== -1 ? text.one : text.other;
    }
    return String(text).replace(/\{(\w+)\}/g, function (match, name) {
      return values && mf.has(values, name) ? values[name] : match;
    });
  };
  mf.formatHours = function (hours) { return (Math.round(hours * 100) / 100).toString(); };
})(window.mathforml = window.mathforml || {});
