// powderkeg article view: link highlights in the text with the coding in the side panel.
// Pages work without this script; it only adds the click-to-explain behaviour.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  if (!text) { return; }
  var panel = document.getElementById("side-panel");

  function clear() {
    document.querySelectorAll(".hl.active, li.fact.active").forEach(function (el) { el.classList.remove("active"); });
  }

  function activate(factIds, scroll) {
    clear();
    var first = null;
    factIds.forEach(function (id) {
      text.querySelectorAll(".hl").forEach(function (el) {
        if ((el.getAttribute("data-facts") || "").split(" ").indexOf(id) >= 0) {
          el.classList.add("active");
          if (!first) { first = el; }
        }
      });
      var item = panel.querySelector('li.fact[data-fact="' + CSS.escape(id) + '"]');
      if (item) { item.classList.add("active"); }
    });
    if (scroll && first) { first.scrollIntoView({ block: "center" }); }
    var active = panel.querySelector("li.fact.active");
    if (active) { active.scrollIntoView({ block: "nearest" }); }
    return first !== null;
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    if (id.indexOf("at-") === 0) {
      // #at-OFFSET (arms register, disputes): every fact whose span starts there.
      var anchor = document.getElementById(id);
      var ids = [];
      for (var el = anchor && anchor.nextElementSibling; el && el.classList.contains("anchor"); el = el.nextElementSibling) {
        ids.push(el.id);
      }
      activate(ids.filter(function (x) { return x.indexOf("actor-") !== 0; }), true);
    } else {
      activate([id], true);
    }
  }

  text.addEventListener("click", function (ev) {
    var hl = ev.target.closest(".hl");
    if (!hl) { return; }
    activate((hl.getAttribute("data-facts") || "").split(" ").filter(Boolean), false);
  });
  panel.addEventListener("click", function (ev) {
    var link = ev.target.closest("li.fact a");
    if (!link) { return; }
    ev.preventDefault();
    var id = link.getAttribute("href").slice(1);
    history.replaceState(null, "", "#" + id);
    activate([id], true);
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
