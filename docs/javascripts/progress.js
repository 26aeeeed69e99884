// Progress marks and the study plan. Marks live in this browser's localStorage and nothing is sent
// anywhere. The HTML is built by mathforml/templates; this script only adds behaviour to it.
(function () {
  "use strict";

  // The script is served from <site root>/javascripts/, which gives the site root even on a fork's
  // GitHub Pages path, so two syllabi on one origin keep separate progress.
  var root = new URL("..", document.currentScript.src);
  var STORAGE_KEY = "mathforml-progress:" + root.pathname;
  var FILE_FORMAT = "mathforml-progress";
  var DEFAULT_HOURS_PER_WEEK = 8;
  var syllabusPromise = null;

  function emptyState() {
    return { topics: {}, resources: {}, hoursPerWeek: null, goal: "" };
  }

  // Accepts the stored shape and the exported file's shape; drops anything else.
  function normalize(raw) {
    var state = emptyState();
    if (!raw || typeof raw !== "object") return state;
    var lists = { topics: raw.topics, resources: raw.resources };
    Object.keys(lists).forEach(function (kind) {
      var value = lists[kind];
      var keys = Array.isArray(value) ? value : value && typeof value === "object"
        ? Object.keys(value).filter(function (k) { return value[k] === true; }) : [];
      keys.forEach(function (key) { if (typeof key === "string") state[kind][key] = true; });
    });
    var hours = Number(raw.hoursPerWeek);
    if (isFinite(hours) && hours > 0 && hours <= 168) state.hoursPerWeek = hours;
    if (typeof raw.goal === "string") state.goal = raw.goal;
    return state;
  }

  function load() {
    try {
      return normalize(JSON.parse(localStorage.getItem(STORAGE_KEY)));
    } catch (error) {
      return emptyState();
    }
  }

  function save(state) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      // Storage can be full or disabled (private mode); the page still works, marks just do not persist.
    }
  }

  function syllabus() {
    if (!syllabusPromise) {
      syllabusPromise = fetch(new URL("syllabus.json", root)).then(function (response) {
        if (!response.ok) throw new Error("syllabus.json: HTTP " + response.status);
        return response.json();
      });
    }
    return syllabusPromise;
  }

  function formatHours(hours) {
    return (Math.round(hours * 100) / 100).toString();
  }

  // Every topic needed before `goal`, and the goal itself.
  function pathTo(topics, goal) {
    var byId = {};
    topics.forEach(function (t) { byId[t.id] = t; });
    var seen = {};
    var stack = [goal];
    while (stack.length) {
      var id = stack.pop();
      if (seen[id] || !byId[id]) continue;
      seen[id] = true;
      stack.push.apply(stack, byId[id].requires);
    }
    return topics.filter(function (t) { return seen[t.id]; });
  }

  function remainingHours(topics, state) {
    return topics.reduce(function (sum, t) { return state.topics[t.id] ? sum : sum + t.hours; }, 0);
  }

  // Finish date: today plus the remaining hours at the weekly pace, rounded up to whole days.
  function finishDate(hours, perWeek, today) {
    var date = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    date.setDate(date.getDate() + Math.ceil((hours / perWeek) * 7));
    return date;
  }

  function isoDate(date) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function showDate(cell, hours, perWeek) {
    cell.textContent = "";
    if (hours === 0) {
      cell.textContent = "Done!";
      return;
    }
    var date = finishDate(hours, perWeek, new Date());
    var time = document.createElement("time");
    time.dateTime = isoDate(date);
    time.textContent = date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
    cell.appendChild(document.createTextNode("finish by "));
    cell.appendChild(time);
  }

  function decorate(state) {
    var nodes = document.querySelectorAll(".syllabus-map__node[data-topic]");
    document.querySelectorAll("tr[data-topic], .syllabus-map__node[data-topic]")
      .forEach(function (el) { el.classList.toggle("is-done", !!state.topics[el.getAttribute("data-topic")]); });
    document.querySelectorAll("input[data-progress-topic]").forEach(function (input) {
      input.checked = !!state.topics[input.getAttribute("data-progress-topic")];
    });
    document.querySelectorAll("input[data-progress-resource]").forEach(function (input) {
      input.checked = !!state.resources[input.getAttribute("data-progress-resource")];
      input.closest("li").classList.toggle("is-done", input.checked);
    });
    var summaries = document.querySelectorAll('[data-progress="summary"]');
    var plan = document.querySelector('[data-plan="form"]');
    if (!summaries.length && !plan && !nodes.length) return;
    syllabus().then(function (data) {
      var topics = data.topics;
      markReady(nodes, topics, state);
      var total = topics.reduce(function (sum, t) { return sum + t.hours; }, 0);
      var doneTopics = topics.filter(function (t) { return state.topics[t.id]; });
      var doneHours = total - remainingHours(topics, state);
      var percent = total ? Math.round((100 * doneHours) / total) : 0;
      summaries.forEach(function (el) {
        el.textContent = "Your progress: " + doneTopics.length + " of " + topics.length + " topics done, " +
          formatHours(doneHours) + " of " + formatHours(total) + " hours (" + percent + "%).";
      });
      if (plan) updatePlan(plan, topics, state);
    }).catch(function () {
      summaries.forEach(function (el) { el.textContent = ""; });
    });
  }

  // Ready to start: not done, and every prerequisite done.
  function markReady(nodes, topics, state) {
    var requires = {};
    topics.forEach(function (t) { requires[t.id] = t.requires; });
    nodes.forEach(function (node) {
      var id = node.getAttribute("data-topic");
      var ready = !state.topics[id] && (requires[id] || []).every(function (r) { return state.topics[r]; });
      node.classList.toggle("is-ready", ready);
    });
  }

  function updatePlan(plan, topics, state) {
    var perWeek = state.hoursPerWeek || DEFAULT_HOURS_PER_WEEK;
    var all = remainingHours(topics, state);
    plan.querySelector('[data-plan="all-hours"]').textContent = formatHours(all) + " hours left";
    showDate(plan.querySelector('[data-plan="all-date"]'), all, perWeek);
    var goalRow = plan.querySelector('[data-plan="goal-hours"]').closest("tr");
    var goal = topics.filter(function (t) { return t.id === state.goal; })[0];
    goalRow.hidden = !goal;
    if (goal) {
      var left = remainingHours(pathTo(topics, goal.id), state);
      plan.querySelector('[data-plan="goal-label"]').textContent = "Path to " + goal.title;
      plan.querySelector('[data-plan="goal-hours"]').textContent = formatHours(left) + " hours left";
      showDate(plan.querySelector('[data-plan="goal-date"]'), left, perWeek);
    }
  }

  // Marks made before resources were keyed per topic are keyed by address alone. Each carries over
  // to every resource with that address, as such a mark showed on every page that listed it.
  function migrateAddressKeys(state) {
    var old = Object.keys(state.resources).filter(function (key) { return key.indexOf("|") === -1; });
    if (!old.length) return Promise.resolve(state);
    return syllabus().then(function (data) {
      var done = {};
      old.forEach(function (key) { done[key] = true; });
      data.topics.forEach(function (topic) {
        (topic.resources || []).forEach(function (resource) {
          if (done[new URL(resource.url).href] || done[resource.url]) state.resources[resource.key] = true;
        });
      });
      old.forEach(function (key) { delete state.resources[key]; });
      save(state);
      return state;
    }, function () { return state; });
  }

  function exportProgress(state) {
    var file = {
      format: FILE_FORMAT,
      version: 1,
      site: root.href,
      exported: new Date().toISOString(),
      topics: Object.keys(state.topics).sort(),
      resources: Object.keys(state.resources).sort(),
      hoursPerWeek: state.hoursPerWeek,
      goal: state.goal
    };
    var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "mathforml-progress.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  function importProgress(input, message) {
    var file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var raw = JSON.parse(text);
      if (!raw || raw.format !== FILE_FORMAT) throw new Error("not a progress file");
      var state = normalize(raw);
      save(state);
      return migrateAddressKeys(state);
    }).then(function (state) {
      decorate(state);
      syncPlanInputs(state);
      message.textContent = "Imported: " + Object.keys(state.topics).length + " topics and " +
        Object.keys(state.resources).length + " resources marked done.";
    }).catch(function () {
      message.textContent = "That file is not a progress file exported from this site; nothing was changed.";
    }).then(function () { input.value = ""; });
  }

  function syncPlanInputs(state) {
    var hours = document.getElementById("plan-hours");
    var goal = document.getElementById("plan-goal");
    if (hours) hours.value = state.hoursPerWeek || DEFAULT_HOURS_PER_WEEK;
    if (goal) goal.value = state.goal;
  }

  function init() {
    // The Done boxes are in the page from the build; without this script they could not be kept.
    document.querySelectorAll('[data-syllabus="done"], input[data-progress-resource]').forEach(function (el) { el.hidden = false; });
    migrateAddressKeys(load()).then(function (state) {
      syncPlanInputs(state);
      decorate(state);
    });
  }

  // One delegated listener survives Material's instant navigation, which swaps the page content.
  document.addEventListener("change", function (event) {
    var target = event.target;
    var state = load();
    if (target.matches("input[data-progress-topic]")) {
      state.topics[target.getAttribute("data-progress-topic")] = target.checked || undefined;
    } else if (target.matches("input[data-progress-resource]")) {
      state.resources[target.getAttribute("data-progress-resource")] = target.checked || undefined;
    } else if (target.id === "plan-goal") {
      state.goal = target.value;
    } else if (target.matches('input[data-progress="import"]')) {
      importProgress(target, document.querySelector('[data-progress="message"]'));
      return;
    } else {
      return;
    }
    state = normalize(state);
    save(state);
    decorate(state);
  });

  document.addEventListener("input", function (event) {
    if (event.target.id !== "plan-hours") return;
    var hours = Number(event.target.value);
    if (!(hours > 0 && hours <= 168)) return;
    var state = load();
    state.hoursPerWeek = hours;
    save(state);
    decorate(state);
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest('[data-progress="export"]')) exportProgress(load());
  });

  // Material's document$ emits on the first load and after every instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
