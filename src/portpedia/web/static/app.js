// portpedia: progressive enhancement only. Every feature works without this file.
(function () {
  "use strict";

  function setupCopyButtons() {
    var status = document.querySelector(".copy-status");
    if (!navigator.clipboard) return;
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent).then(function () {
          button.classList.add("done");
          if (status) status.textContent = status.getAttribute("data-copied");
          setTimeout(function () { button.classList.remove("done"); }, 1500);
        }, function () {
          if (status) status.textContent = status.getAttribute("data-failed");
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        });
      });
    });
  }

  function showTotals(form, data) {
    if (data.totals) {
      form.querySelectorAll(".count[data-reaction]").forEach(function (el) {
        var value = data.totals[el.getAttribute("data-reaction")];
        el.textContent = value === undefined ? "" : String(value);
      });
    }
    if ("your_vote" in data) {
      form.querySelectorAll("button[name=reaction]").forEach(function (b) {
        b.setAttribute("aria-pressed", b.value === data.your_vote ? "true" : "false");
      });
    }
  }

  function setupFeedback() {
    var form = document.querySelector("form.feedback-form");
    if (!form || !window.fetch) return;
    var api = form.getAttribute("data-api");
    // An exported page may talk to the server on another origin (--api-origin): the CSRF
    // cookie must travel with those requests too.
    var credentials = /^https?:/.test(api) ? "include" : "same-origin";
    var page = form.elements.page.value;
    var status = form.querySelector(".feedback-status");
    var tokenField = form.elements.csrf_token;

    fetch(api + "?page=" + encodeURIComponent(page), { credentials: credentials })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.csrf_token) tokenField.value = data.csrf_token;
        showTotals(form, data);
      })
      .catch(function () { /* counts stay as rendered */ });

    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.name !== "reaction") return;
      event.preventDefault();
      status.classList.remove("error");
      var body = {
        page: page,
        language: form.elements.language.value,
        reaction: button.value,
        comment: form.elements.comment.value || null
      };
      fetch(api, {
        method: "POST",
        credentials: credentials,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": tokenField.value },
        body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, data: data }; });
      }).then(function (result) {
        if (result.ok) {
          showTotals(form, result.data);
          status.textContent = status.getAttribute("data-thanks");
        } else {
          status.classList.add("error");
          var message = result.data && result.data.error ? result.data.error.message : "";
          status.textContent = status.getAttribute("data-error") + (message ? " (" + message + ")" : "");
        }
      }).catch(function () {
        status.classList.add("error");
        status.textContent = status.getAttribute("data-error");
      });
    });
  }

  function start() {
    setupCopyButtons();
    setupFeedback();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// /map: a click on the picture opens that port's page (the link template is rewritten
// by the static export like any other link).
(function () {
  var map = document.getElementById("port-map");
  var link = document.getElementById("map-port-link");
  if (!map || !link) return;
  map.addEventListener("click", function (event) {
    var box = map.getBoundingClientRect();
    var view = map.viewBox.baseVal;
    var x = Math.floor(((event.clientX - box.left) * view.width) / box.width);
    var y = Math.floor(((event.clientY - box.top) * view.height) / box.height);
    if (x < 0 || x > 255 || y < 0 || y > 255) return;
    event.preventDefault();
    var href = link.getAttribute("href");
    window.location.href = href.replace(/0(\.html)?$/, String(y * 256 + x) + "$1");
  });
})();
