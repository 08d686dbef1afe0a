// powderkeg pages. Everything works without this script; it only adds:
// - filter forms that leave empty fields out of the URL (no "?actor=&type=&q=");
// - the article view's click-to-explain: a highlight (clicked, or focused and Enter) shows its coding.
// Loaded as a file (the Content-Security-Policy forbids inline script).
(function () {
  "use strict";

  // -- Filter forms: disable empty fields just before submit, so they are not sent. -----------------
  function isEmpty(el) {
    if (el.type === "submit" || el.type === "button") { return false; }
    if (el.tagName === "SELECT" && el.multiple) { return el.selectedOptions.length === 0; }
    return el.value === "";
  }
  document.querySelectorAll("form.filters, form.sql-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && !el.disabled && isEmpty(el)) { el.disabled = true; el.setAttribute("data-emptied", ""); }
      });
    });
  });
  // Coming back with the Back button shows the page from cache: give the fields back.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-emptied]").forEach(function (el) {
      el.disabled = false;
      el.removeAttribute("data-emptied");
    });
  });

  // -- Article view -------------------------------------------------------------------------------
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
    } else if (/^(quote|label|arms)-at-\d+$/.test(id)) {
      // #quote-at-OFFSET (quotes and labels pages): that kind of fact, stored at that offset.
      var items = panel.querySelectorAll('li.fact[data-at="' + CSS.escape(id) + '"]');
      activate(Array.prototype.map.call(items, function (li) { return li.getAttribute("data-fact"); }), true);
    } else {
      activate([id], true);
    }
  }

  function explain(hl) {
    activate((hl.getAttribute("data-facts") || "").split(" ").filter(Boolean), false);
  }

  text.addEventListener("click", function (ev) {
    var hl = ev.target.closest(".hl");
    if (hl) { explain(hl); }
  });
  // Highlights are focusable (tabindex=0, role=button): Enter or Space does what a click does.
  text.addEventListener("keydown", function (ev) {
    var hl = ev.target.closest(".hl");
    if (!hl || (ev.key !== "Enter" && ev.key !== " ")) { return; }
    ev.preventDefault();
    explain(hl);
  });
  panel.addEventListener("click", function (ev) {
    var link = ev.target.closest('li.fact a[href^="#"]');
    if (!link) { return; }
    ev.preventDefault();
    var id = link.getAttribute("href").slice(1);
    history.replaceState(null, "", "#" + id);
    activate([id], true);
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
