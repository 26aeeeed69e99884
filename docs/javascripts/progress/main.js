// Wires the progress files to the page: shows the state on every page load (Material's instant
// navigation included) and turns clicks and edits into saved changes.
(function (mf) {
  "use strict";

  function refresh() {
    var state = mf.load();
    return mf.syllabus().then(function (data) {
      if (mf.migrate(data, state)) mf.save(state);
      mf.show(data, state);
      mf.syncPlanInputs(state);
      mf.showPlan(data, state);
      if (mf.setAside) {
        say(mf.t("js.set-aside", { entries: mf.t("js.entries", { count: mf.setAside.entries }), key: mf.setAside.key }),
            document.querySelector('[data-progress="form"]'));
      }
      return data;
    });
  }

  function say(text, near) {
    var box = (near && near.closest("[data-progress-scope]")) || document;
    var status = box.querySelector('[data-progress="message"]');
    if (status) status.textContent = text;
  }

  // Applies `change` to the stored state; a mark the browser will not store is said, not implied.
  function update(change, source) {
    var state = mf.load();
    change(state);
    say(mf.save(state) ? "" : mf.t("js.mark-not-stored"), source);
    refresh();
  }

  function offerShareLink() {
    var box = document.querySelector('[data-progress="incoming"]');
    if (!box || location.hash.indexOf("#progress=") !== 0) return;
    mf.syllabus().then(function (data) {
      var text = box.querySelector(".syllabus-incoming__text");
      try {
        box.incoming = mf.readShareLink(data);
        text.textContent = mf.t("js.share-holds", { what: mf.describeIncoming(box.incoming) });
        box.querySelectorAll("button[data-incoming]").forEach(function (b) { b.hidden = false; });
      } catch (error) {
        box.incoming = null;
        text.textContent = error.message;
        box.querySelectorAll('button[data-incoming="merge"], button[data-incoming="replace"]').forEach(function (b) { b.hidden = true; });
      }
      box.hidden = false;
    });
  }

  function closeIncoming(box, message) {
    box.hidden = true;
    history.replaceState(null, "", location.pathname + location.search);
    say(message, document.querySelector('[data-progress="form"]'));
  }

  function init() {
    refresh();
    offerShareLink();
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("input[data-progress-topic]")) {
      update(function (state) {
        var id = target.getAttribute("data-progress-topic");
        if (target.value) state.topics[id] = target.value; else delete state.topics[id];
      }, target);
    } else if (target.matches("input[data-progress-resource]")) {
      update(function (state) {
        var key = target.getAttribute("data-progress-resource");
        if (target.checked) state.resources[key] = true; else delete state.resources[key];
      }, target);
    } else if (target.id === "plan-goal") {
      update(function (state) { state.goal = target.value; }, target);
    } else if (target.matches('input[data-progress="import"]')) {
      var file = target.files && target.files[0];
      if (!file) return;
      var replace = document.getElementById("progress-import-replace");
      mf.syllabus().then(function (data) {
        return mf.importFile(data, file, replace && replace.checked);
      }).then(function (result) {
        say(result.message, target);
        target.value = "";
        refresh();
      });
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.id !== "plan-hours") return;
    var hours = mf.checkHours(event.target);
    if (hours !== null) update(function (state) { state.hoursPerWeek = hours; }, event.target);
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.matches('[data-progress="export"]')) {
      mf.exportProgress(mf.load());
    } else if (target.matches('[data-progress="share"]')) {
      var link = mf.shareLink(mf.load());
      var field = document.getElementById("progress-share-link");
      field.value = link;
      field.hidden = false;
      field.select();
      var copied = navigator.clipboard ? navigator.clipboard.writeText(link) : Promise.reject(new Error("no clipboard"));
      copied.then(function () {
        say(mf.t("js.link-copied"), target);
      }, function () {
        say(mf.t("js.link-copy-yourself"), target);
      });
    } else if (target.matches("[data-incoming]")) {
      var box = target.closest('[data-progress="incoming"]');
      var choice = target.getAttribute("data-incoming");
      if (choice === "ignore" || !box.incoming) {
        closeIncoming(box, mf.t("js.share-ignored"));
        return;
      }
      mf.syllabus().then(function (data) {
        var result = mf.apply(data, box.incoming, choice === "replace");
        closeIncoming(box, result.message);
        refresh();
      });
    }
  });

  // Material's document$ emits on the first load and after every instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(window.mathforml = window.mathforml || {});
