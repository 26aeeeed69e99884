// Shows a state on the page: the header's state buttons, marks in the navigation, the reading-order
// table, the map and path drawings, resource boxes, progress lines and bars, and what comes next.
(function (mf) {
  "use strict";

  function label(state) { return mf.t("js.state." + state); }

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
      var text = el.querySelector(".syllabus-map__state");
      if (text) text.textContent = shown ? " · " + label(shown) : "";
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
      mark.setAttribute("aria-label", own ? mf.t("js.nav-step-state", { step: topic.step, state: label(own) })
        : mf.t("js.nav-step", { step: topic.step }));
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
    var text = mf.t("js.summary", {
      covered: covered.length, topics: mf.t("js.topics", { count: topics.length }),
      skipped: skipped ? mf.t("js.summary-skipped", { count: skipped }) : "",
      hours: mf.formatHours(hours), total: mf.formatHours(total), percent: percent
    });
    document.querySelectorAll('[data-progress="summary"]').forEach(function (el) { el.textContent = text; });
    document.querySelectorAll("progress[data-progress-part]").forEach(function (bar) {
      var part = bar.getAttribute("data-progress-part");
      var members = topics.filter(function (t) { return !part || t.part === part; });
      var all = members.reduce(function (sum, t) { return sum + t.hours; }, 0);
      var done = all - mf.remainingHours(members, state);
      bar.value = done;
      var caption = document.getElementById(bar.getAttribute("aria-describedby"));
      if (caption) caption.textContent = mf.t("js.bar", { done: mf.formatHours(done), total: mf.formatHours(all) });
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
        line.appendChild(document.createTextNode(mf.t("js.finished", { count: data.topics.length }) + " "));
        var em = document.createElement("em");
        em.textContent = last.summary;
        line.appendChild(em);
        line.appendChild(document.createTextNode(" " + mf.t("js.finished-page") + " "));
        line.appendChild(link(last));
        line.appendChild(document.createTextNode(mf.t("js.finished-papers")));
        body.appendChild(line);
        return;
      }
      box.removeAttribute("data-finished");
      line.appendChild(document.createTextNode(mf.t("js.continue", { step: next.step }) + " "));
      line.appendChild(link(next));
      line.appendChild(document.createTextNode(" " + mf.t("js.continue-hours", { hours: mf.formatHours(next.hours) })));
      body.appendChild(line);
      var ready = data.topics.filter(function (t) { return t !== next && mf.isReady(state, t); });
      if (ready.length) {
        var more = document.createElement("p");
        more.appendChild(document.createTextNode(mf.t("js.ready") + " "));
        ready.slice(0, 5).forEach(function (topic, i) {
          if (i) more.appendChild(document.createTextNode(", "));
          more.appendChild(link(topic));
        });
        if (ready.length > 5) more.appendChild(document.createTextNode(mf.t("js.ready-more", { count: ready.length - 5 })));
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
