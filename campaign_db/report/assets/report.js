/* The report's own script: draws the compiled Vega specs, expands the map's
   run-length-encoded days, drives the day slider and shows tooltips. Text from
   the data only ever reaches the page through textContent. */
(function () {
  "use strict";

  const payload = JSON.parse(document.getElementById("report-data").textContent);
  const views = {};

  /* --- tooltips: one floating box, filled with text nodes only --- */
  const tooltip = document.createElement("div");
  tooltip.className = "tooltip";
  tooltip.setAttribute("role", "tooltip");
  tooltip.hidden = true;
  document.body.appendChild(tooltip);

  function showTooltip(event, value) {
    tooltip.replaceChildren();
    if (value === undefined || value === null || value === "" || !event) {
      tooltip.hidden = true;
      return;
    }
    if (typeof value === "object") {
      const list = document.createElement("dl");
      for (const [key, text] of Object.entries(value)) {
        if (text === undefined || text === null || text === "") continue;
        const term = document.createElement("dt");
        term.textContent = key;
        const detail = document.createElement("dd");
        detail.textContent = String(text);
        list.append(term, detail);
      }
      tooltip.appendChild(list);
    } else {
      tooltip.textContent = String(value);
    }
    tooltip.hidden = false;
    const gap = 14;
    const box = tooltip.getBoundingClientRect();
    let x = event.clientX + gap;
    let y = event.clientY + gap;
    if (x + box.width > window.innerWidth - 4) x = Math.max(4, event.clientX - box.width - gap);
    if (y + box.height > window.innerHeight - 4) y = Math.max(4, event.clientY - box.height - gap);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function tooltipHandler(handler, event, item, value) {
    showTooltip(event, value);
  }

  /* --- the map's rows: one per place and day, from runs of equal days --- */
  function stateAt(map, placeIndex, day) {
    const runs = map.runs[placeIndex];
    let state = -1;
    for (const [start, index] of runs) {
      if (start > day) break;
      state = index;
    }
    return state < 0 ? map.noClaim : map.states[state];
  }

  function mapRows(map) {
    const rows = [];
    map.places.forEach((place, placeIndex) => {
      const runs = map.runs[placeIndex];
      runs.forEach(([start, index], runIndex) => {
        const end = runIndex + 1 < runs.length ? runs[runIndex + 1][0] : map.days.length;
        const state = index < 0 ? map.noClaim : map.states[index];
        const held = state.held || state.side;
        for (let day = start; day < end; day += 1) {
          const tip = {};
          tip["Place"] = place.name + " (" + place.kind + ")";
          tip[map.areaLabel] = place.district;
          tip["Day"] = map.days[day];
          tip["Held by"] = held;
          tip["Since"] = state.since;
          tip["Status"] = state.statusLabel;
          tip["Basis"] = state.basis;
          tip["Claimed by"] = state.claimant;
          tip["Counter-claim"] = state.counter;
          tip["Coordinates"] = place.coordinates;
          rows.push({
            d: day,
            longitude: place.longitude,
            latitude: place.latitude,
            side: state.side,
            status: state.status,
            tip: tip,
            label: place.name + ": " + held + ", " + state.statusLabel,
          });
        }
      });
    });
    return rows;
  }

  function tally(id, day) {
    const map = payload.maps[id];
    const counts = new Map(map.sides.map((side) => [side, 0]));
    map.places.forEach((place, placeIndex) => {
      const side = stateAt(map, placeIndex, day).side;
      counts.set(side, (counts.get(side) || 0) + 1);
    });
    const target = document.getElementById("tally-" + id);
    target.replaceChildren();
    map.sides.forEach((side, index) => {
      const count = counts.get(side) || 0;
      if (!count) return;
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.className = "swatch";
      swatch.style.background = map.colours[index];
      item.append(swatch, side + ": " + count);
      target.appendChild(item);
    });
  }

  /* --- draw every view --- */
  const drawn = [];
  for (const element of document.querySelectorAll("[data-vega]")) {
    const id = element.dataset.vega;
    const view = new vega.View(vega.parse(payload.specs[id]), {
      renderer: "svg",
      container: element,
      hover: true,
    });
    view.tooltip(tooltipHandler);
    if (payload.maps[id]) view.data("map_days", mapRows(payload.maps[id]));
    views[id] = view;
    drawn.push(view.runAsync().then(() => {
      element.dataset.drawn = "true";
    }));
  }

  /* --- the day slider and its play button --- */
  for (const slider of document.querySelectorAll("input.day-slider")) {
    const id = slider.dataset.map;
    const map = payload.maps[id];
    const view = views[id];
    const label = document.getElementById("day-" + id);
    const element = document.getElementById(id);
    const show = () => {
      const day = Number(slider.value);
      label.textContent = map.days[day];
      tally(id, day);
      view.signal("day", day).runAsync().then(() => {
        element.dataset.day = String(day);
      });
    };
    slider.addEventListener("input", show);
    slider.addEventListener("change", show);
    tally(id, Number(slider.value));
    element.dataset.day = slider.value;

    const button = document.querySelector('button.play[data-map="' + id + '"]');
    let timer = null;
    const stop = () => {
      clearInterval(timer);
      timer = null;
      button.setAttribute("aria-pressed", "false");
      button.textContent = "▶";
    };
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      if (timer !== null) {
        stop();
        return;
      }
      if (Number(slider.value) >= Number(slider.max)) slider.value = "0";
      button.setAttribute("aria-pressed", "true");
      button.textContent = "❚❚";
      show();
      timer = setInterval(() => {
        if (Number(slider.value) >= Number(slider.max)) {
          stop();
          return;
        }
        slider.value = String(Number(slider.value) + 1);
        show();
      }, 450);
    });
  }

  document.addEventListener("scroll", () => showTooltip(null, null), {passive: true});
  Promise.all(drawn).then(() => {
    document.body.dataset.drawn = String(drawn.length);
  });
})();
