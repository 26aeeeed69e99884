// Shows a state on the page: the header's state buttons, marks in the navigation, the reading-order
// table, the map and path drawings, resource boxes, progress lines and bars, and what comes next.
(function (mf) {
  "use strict";

  var LABELS = { "done": "done ✓", "in-progress": "in progress", "skipped": "skipped", "ready": "ready to start" };

  // A topic's state as shown: its own, or "ready" when every prerequisite is covered.
  function shownState(state, topic) {
    var own = state.topics[topic.id];
    if (own) return own;
    return mf.isReady(state, topic) ? "ready" : "";
  }

  function markTopics(data, state) {
    document.querySelectorAll("[data-topic]").forEach(function (el) {
      var topic = data.byId[el.getAttribute("data-topic")];
      if (!topic || el.classList.contains("syllabus-badge")) return;
      var shown = shownState(state, topic);
      el.setAttribute("data-state", shown);
      var label = el.querySelector(".syllabus-map__state");
      if (label) label.textContent = shown ? " · " + LABELS[shown] : "";
    });
    document.querySelectorAll("input[data-progress-topic]").forEach(function (input) {
      input.checked = (state.topics[input.getAttribute("data-progress-topic")] || "") === input.value;
    });
  }

  // The side navigation: each topic's step, and its state in words for screen readers.
  function markNavigation(data, state) {
    // Not a pruned section's link (navigation.prune), which leads to its first topic but names the part.
    document.querySelectorAll(".md-nav--primary .md-nav__item:not(.md-nav__item--nested) > a.md-nav__link[href]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), location.href);
      if (url.hash) return; // the open page's own table of contents
      var topic = data.byHref[url.href];
      if (!topic) return;
      var mark = link.querySelector(".syllabus-nav-mark");
      if (!mark) {
        mark = document.createElement("span");
        mark.className = "syllabus-nav-mark";
        link.insertBefore(mark, link.firstChild);
      }
      var own = state.topics[topic.id] || "";
      mark.setAttribute("data-state", own);
      mark.textContent = topic.step + ". ";
      mark.setAttribute("aria-label", "Step " + topic.step + (own ? ", " + LABELS[own] : "") + ":");
    });
  }

  function markResources(state) {
    document.querySelectorAll("input[data-progress-resource]").forEach(function (input) {
      input.checked = !!state.resources[input.getAttribute("data-progress-resource")];
      input.closest("li").classList.toggle("is-done", input.checked);
    });
  }

  function summaries(data, state) {
    var topics = data.topics;
    var total = topics.reduce(function (sum, t) { return sum + t.hours; }, 0);
    var covered = topics.filter(function (t) { return mf.covered(state, t.id); });
    var hours = total - mf.remainingHours(topics, state);
    var percent = total ? Math.round((100 * hours) / total) : 0;
    var skipped = covered.filter(function (t) { return state.topics[t.id] === "skipped"; }).length;
    var text = "Your progress: " + covered.length + " of " + mf.count(topics.length, "topic") + " covered" +
      (skipped ? " (" + skipped + " skipped)" : "") + ", " + mf.formatHours(hours) + " of " +
      mf.formatHours(total) + " hours (" + percent + "%).";
    document.querySelectorAll('[data-progress="summary"]').forEach(function (el) { el.textContent = text; });
    document.querySelectorAll("progress[data-progress-part]").forEach(function (bar) {
      var part = bar.getAttribute("data-progress-part");
      var members = topics.filter(function (t) { return !part || t.part === part; });
      var all = members.reduce(function (sum, t) { return sum + t.hours; }, 0);
      var done = all - mf.remainingHours(members, state);
      bar.value = done;
      var label = document.getElementById(bar.getAttribute("aria-describedby"));
      if (label) label.textContent = mf.formatHours(done) + " of " + mf.formatHours(all) + " hours";
    });
  }

  function link(topic) {
    var a = document.createElement("a");
    a.href = topic.href;
    a.textContent = topic.title;
    return a;
  }

  // "Continue with" the first topic not covered, the topics ready to start, or the finished state.
  function whatNext(data, state) {
    document.querySelectorAll('[data-progress="next"]').forEach(function (box) {
      var next = mf.continueWith(data, state);
      var body = box.querySelector(".syllabus-next__body");
      body.textContent = "";
      var line = document.createElement("p");
      if (!next) {
        var last = data.topics[data.topics.length - 1];
        box.setAttribute("data-finished", "");
        line.appendChild(document.createTextNode("You have covered all " + data.topics.length +
          " topics. What comes next is the open question of the last step: "));
        var em = document.createElement("em");
        em.textContent = last.summary;
        line.appendChild(em);
        line.appendChild(document.createTextNode(" Its page, "));
        line.appendChild(link(last));
        line.appendChild(document.createTextNode(", lists the papers to start from."));
        body.appendChild(line);
        return;
      }
      box.removeAttribute("data-finished");
      line.appendChild(document.createTextNode("Continue with step " + next.step + ": "));
      line.appendChild(link(next));
      line.appendChild(document.createTextNode(" (" + mf.formatHours(next.hours) + " h)."));
      body.appendChild(line);
      var ready = data.topics.filter(function (t) { return t !== next && mf.isReady(state, t); });
      if (ready.length) {
        var more = document.createElement("p");
        more.appendChild(document.createTextNode("Also ready to start: "));
        ready.slice(0, 5).forEach(function (topic, i) {
          if (i) more.appendChild(document.createTextNode(", "));
          more.appendChild(link(topic));
        });
        if (ready.length > 5) more.appendChild(document.createTextNode(" and " + (ready.length - 5) + " more"));
        more.appendChild(document.createTextNode("."));
        body.appendChild(more);
      }
    });
  }

  mf.show = function (data, state) {
    if (!data.byHref) {
      data.byHref = Object.create(null);
      data.topics.forEach(function (t) { data.byHref[t.href] = t; });
    }
    markTopics(data, state);
    markNavigation(data, state);
    markResources(state);
    summaries(data, state);
    whatNext(data, state);
  };
})(window.mathforml = window.mathforml || {});
