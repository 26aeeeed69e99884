// The study plan: hours per week (validated at the field) and a goal give finish dates.
(function (mf) {
  "use strict";

  mf.defaultHours = function () {
    var input = document.getElementById("plan-hours");
    return Number(input ? input.getAttribute("data-default") : 8);
  };

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
      cell.textContent = mf.t("js.done");
      return;
    }
    var date = finishDate(hours, perWeek, new Date());
    var time = document.createElement("time");
    time.dateTime = isoDate(date);
    time.textContent = date.toLocaleDateString(document.documentElement.lang || undefined,
      { year: "numeric", month: "long", day: "numeric" });
    cell.appendChild(document.createTextNode(mf.t("js.finish-by") + " "));
    cell.appendChild(time);
  }

  // The field's own message; an invalid entry never reaches the dates.
  mf.checkHours = function (input) {
    var hours = mf.validHours(input.value);
    var message = document.getElementById("plan-hours-message");
    input.setAttribute("aria-invalid", hours === null ? "true" : "false");
    message.textContent = hours === null
      ? mf.t("js.hours-invalid", { min: mf.HOURS.min, max: mf.HOURS.max })
      : "";
    return hours;
  };

  mf.showPlan = function (data, state) {
    var plan = document.querySelector('[data-plan="form"]');
    if (!plan) return;
    var perWeek = state.hoursPerWeek || mf.defaultHours();
    var all = mf.remainingHours(data.topics, state);
    plan.querySelector('[data-plan="all-hours"]').textContent = mf.t("js.hours-left", { hours: mf.formatHours(all) });
    showDate(plan.querySelector('[data-plan="all-date"]'), all, perWeek);
    var goalRow = plan.querySelector('[data-plan="goal-row"]');
    var goal = data.byId[state.goal];
    goalRow.hidden = !goal;
    if (goal) {
      var left = mf.remainingHours(mf.pathTo(data, goal.id), state);
      plan.querySelector('[data-plan="goal-label"]').textContent = mf.t("js.path-to", { title: goal.title });
      plan.querySelector('[data-plan="goal-hours"]').textContent = mf.t("js.hours-left", { hours: mf.formatHours(left) });
      showDate(plan.querySelector('[data-plan="goal-date"]'), left, perWeek);
    }
  };

  mf.syncPlanInputs = function (state) {
    var hours = document.getElementById("plan-hours");
    var goal = document.getElementById("plan-goal");
    if (hours && document.activeElement !== hours) {
      hours.value = state.hoursPerWeek || mf.defaultHours();
      mf.checkHours(hours);
    }
    if (goal) goal.value = state.goal;
  };
})(window.mathforml = window.mathforml || {});
