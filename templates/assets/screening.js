/* Diligence transaction screening: builds a printable screening record for
   one product and one destination country from window.DiligenceScreening
   (data/screening.js). Every piece of data becomes a text node; nothing is
   parsed as HTML. The choice is kept in the URL (#product=…&country=…), so
   a record can be linked and a product or country page can preselect it.
   Ticks and the decision fields are kept in this browser's localStorage,
   one entry per product and country, so they survive changing the choice
   and a reload; "Clear" removes the entry. Nothing leaves the browser. */
(function () {
  "use strict";
  var data = window.DiligenceScreening;
  /* The interface's words, in the page's language (static/strings-<lang>.js). */
  function say(key, values) {
    var text = (window.DiligenceStrings || {})[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }
  var form = document.getElementById("screening-form");
  var result = document.getElementById("screening-result");
  var record = document.getElementById("screening-record");
  if (!data || !form || !result || !record) { return; }
  var productSelect = document.getElementById("screening-product");
  var countrySelect = document.getElementById("screening-country");
  var printButton = document.getElementById("screening-print");
  var clearButton = document.getElementById("screening-clear");
  var status = document.getElementById("screening-status");
  var title = document.getElementById("record-title");
  var help = document.getElementById("screening-no-script");
  var fields = Array.prototype.slice.call(record.querySelectorAll(".record-decision input, .record-decision textarea"));
  form.hidden = false;
  if (help) { help.hidden = true; }

  function byId(list) {
    var map = {};
    list.forEach(function (item) { map[item.id] = item; });
    return map;
  }
  var products = byId(data.products);
  var countries = byId(data.countries);

  function el(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attributes[key]; } else { node.setAttribute(key, attributes[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  function text(value) { return document.createTextNode(value); }
  /* The full address of a link, for paper: relative links are resolved
     against this page, so the printout names the page as the reader saw it. */
  function absolute(url) {
    try { return new URL(url, location.href).href; } catch (e) { return url; }
  }
  function link(label, url) {
    var a = el("a", { href: url, text: label });
    if (/^https?:/.test(url)) { a.rel = "noopener noreferrer"; }
    var span = document.createElement("span");
    span.appendChild(a);
    span.appendChild(el("span", { "class": "print-url", text: " <" + absolute(url) + ">" }));
    return span;
  }
  function risk(r) {
    return el("span", { "class": "risk risk-" + r.id + " risk-rank-" + r.rank, text: r.text });
  }

  /* --- What this browser keeps, per product and country. --- */
  function storageKey() { return "diligence-screening:" + productSelect.value + "|" + countrySelect.value; }
  var storageWorks = true;
  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey()) || "null");
      return saved && typeof saved === "object" ? saved : { ticks: {}, fields: {} };
    } catch (e) { storageWorks = false; return { ticks: {}, fields: {} }; }
  }
  function save() {
    var state = { ticks: {}, fields: {} };
    result.querySelectorAll("input[type=checkbox]").forEach(function (box) { if (box.checked) { state.ticks[box.getAttribute("data-key")] = true; } });
    fields.forEach(function (field) {
      if (field.type === "radio") { if (field.checked) { state.fields[field.name] = field.value; } } else if (field.value) { state.fields[field.name] = field.value; }
    });
    try {
      if (Object.keys(state.ticks).length || Object.keys(state.fields).length) {
        window.localStorage.setItem(storageKey(), JSON.stringify(state));
      } else {
        window.localStorage.removeItem(storageKey());
      }
    } catch (e) { storageWorks = false; }
  }

  var checkboxCount = 0;
  /* A list of items to tick. Each box's key is its section and text, so a
     tick stays with its item when the record is drawn again. */
  function checklist(section, items, render, label) {
    return el("ul", { "class": "checklist-items" }, items.map(function (item) {
      checkboxCount += 1;
      var id = "check-" + checkboxCount;
      var content = render ? render(item) : [text(item)];
      var labelNode = el("label", { "for": id });
      content.forEach(function (node) { labelNode.appendChild(node); });
      var key = section + ":" + (label ? label(item) : labelNode.textContent);
      return el("li", {}, [
        el("input", { type: "checkbox", id: id, "data-key": key }),
        el("span", { "class": "print-mark", "aria-hidden": "true", text: "[ ] " }),
        text(" "), labelNode
      ]);
    }));
  }
  function section(heading, children) {
    return el("section", { "class": "checklist-section" }, [el("h3", { text: heading })].concat(children));
  }
  function sourceLine(s) {
    var nodes = [el("cite", { text: s.title })];
    var about = [s.publisher, s.date].filter(Boolean).join(", ");
    if (about) { nodes.push(text(". " + about)); }
    if (s.reference) { nodes.push(text(". " + s.reference)); }
    if (s.url) { nodes.push(text(". "), el("a", { href: s.url, rel: "noopener noreferrer", text: s.url })); }
    return el("li", {}, nodes);
  }

  function read() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2) { params[decodeURIComponent(parts[0])] = decodeURIComponent(parts[1]); }
    });
    if (products[params.product]) { productSelect.value = params.product; }
    if (countries[params.country]) { countrySelect.value = params.country; }
  }

  function write() {
    var parts = [];
    if (productSelect.value) { parts.push("product=" + encodeURIComponent(productSelect.value)); }
    if (countrySelect.value) { parts.push("country=" + encodeURIComponent(countrySelect.value)); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash !== hash && history.replaceState) { history.replaceState(null, "", hash || location.pathname); }
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* The printed copies of the fields and marks: paper shows the text in
     full (a text box would cut it off), or a blank line to fill by hand. */
  function mirror() {
    record.querySelectorAll(".print-value").forEach(function (span) {
      var field = document.getElementById(span.getAttribute("data-for"));
      span.textContent = field ? field.value : "";
      span.classList.toggle("blank", !span.textContent);
    });
    record.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (box) {
      var mark = box.nextElementSibling;
      if (mark && mark.classList.contains("print-mark")) { mark.textContent = box.checked ? "[x] " : "[ ] "; }
    });
    document.getElementById("record-url").textContent = location.href;
    document.getElementById("record-printed").textContent = today();
  }

  function describe(product, country) {
    var boxes = result.querySelectorAll("input[type=checkbox]");
    var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    status.textContent = say("js_screening_ticked", { ticked: ticked, total: boxes.length }) +
      (storageWorks ? "" : say("js_screening_not_kept"));
  }

  function render() {
    var product = products[productSelect.value];
    var country = countries[countrySelect.value];
    result.textContent = "";
    checkboxCount = 0;
    var ready = !!(product && country);
    printButton.disabled = !ready;
    clearButton.disabled = !ready;
    record.hidden = !ready;
    if (!ready) {
      status.textContent = say("js_screening_choose");
      return;
    }
    title.textContent = say("js_screening_record_title", { product: product.title, country: country.title });
    var concerns = (country.concerns || []).filter(function (c) {
      return c.products.indexOf(product.id) >= 0 || c.categories.indexOf(product.categoryID) >= 0;
    });

    var productDates = [product.updated ? say("js_screening_updated", { date: product.updated }) : "",
      product.lastChanged ? say("js_screening_last_changed", { date: product.lastChanged }) : ""].filter(Boolean).join(", ");
    var countryDates = [say(country.reviewedBy ? "js_screening_reviewed_by" : "js_screening_reviewed", { date: country.reviewed, name: country.reviewedBy }),
      country.lastChanged ? say("js_screening_last_changed", { date: country.lastChanged }) : ""].filter(Boolean).join(", ");
    result.appendChild(el("dl", { "class": "record-subject" }, [
      el("dt", { text: say("js_screening_product") }),
      el("dd", {}, [link(product.title, product.url), text(" (" + product.category + ") "), risk(product.risk),
        productDates ? text(". " + say("js_screening_page_dates", { dates: productDates })) : null]),
      el("dt", { text: say("js_screening_country") }),
      el("dd", {}, [link(country.title, country.url), text(" (" + country.region + ") "), risk(country.risk), text(". " + say("js_screening_profile_dates", { dates: countryDates }))])
    ]));
    [["js_screening_product_basis", product], ["js_screening_country_basis", country]].forEach(function (pair) {
      if (pair[1].risk.basis) { result.appendChild(el("p", { "class": "risk-basis", text: say(pair[0], { basis: pair[1].risk.basis }) })); }
    });
    if (country.overdue) {
      result.appendChild(el("p", { "class": "overdue", text: say("js_screening_overdue", { date: country.reviewed }) }));
    }
    if (concerns.length) {
      result.appendChild(section(say("js_screening_concerns", { country: country.title }), [
        checklist("concern", concerns, function (c) {
          return [text(c.basis + " " + say("js_screening_source") + " "), link(c.source.title, c.source.url)];
        }, function (c) { return c.basis; })
      ]));
    }

    var productParts = [];
    if (product.redFlags.length) { productParts.push(el("h4", { text: say("js_screening_red_flags") }), checklist("red-flag", product.redFlags)); }
    if (product.safeguards.length) { productParts.push(el("h4", { text: say("js_screening_safeguards") }), checklist("safeguard", product.safeguards)); }
    if (product.controls.length) {
      productParts.push(el("h4", { text: say("js_screening_export_controls") }), checklist("control", product.controls, function (c) {
        return [text(c.regime + (c.entry ? " " + c.entry : "") + (c.note ? ": " + c.note : ""))];
      }));
    }
    if (!productParts.length) { productParts.push(el("p", { text: say("js_screening_no_product_items") })); }
    result.appendChild(section(say("js_screening_product_section", { product: product.title }), productParts));

    var countryParts = [];
    if (country.factors.length) {
      countryParts.push(el("h4", { text: say("js_screening_risk_factors") }), checklist("factor", country.factors, function (f) {
        var state = f.status === "unknown" ? say("js_screening_factor_unknown") : f.statusLabel;
        var nodes = [el("strong", { text: f.label }), text(": " + state + (f.note ? ". " + f.note : ""))];
        if (f.source) { nodes.push(text(" " + say("js_screening_source") + " "), link(f.source.title, f.source.url)); }
        return nodes;
      }, function (f) { return f.label; }));
    }
    if (country.measures.length) {
      countryParts.push(el("h4", { text: say("js_screening_measures") }), checklist("measure", country.measures, function (m) {
        var nodes = [el("strong", { text: m.authority }), text((m.date ? say("js_screening_in_force_from", { date: m.date }) : "") + ": " + m.text +
          (m.restrictsExports ? say("js_screening_restricts") : ""))];
        if (m.source) { nodes.push(text(" " + say("js_screening_source") + " "), link(m.source.title, m.source.url)); }
        return nodes;
      }, function (m) { return m.authority + ": " + m.text; }));
    }
    if (country.regimes.length) { countryParts.push(el("h4", { text: say("js_screening_regimes") }), el("ul", {}, country.regimes.map(function (r) { return el("li", { text: r }); }))); }
    if (!countryParts.length) { countryParts.push(el("p", { text: say("js_screening_no_country_items") })); }
    result.appendChild(section(say("js_screening_country_section", { country: country.title }), countryParts));

    var relevant = product.guidance.concat(country.guidance.filter(function (id) { return product.guidance.indexOf(id) < 0; }));
    var chosen = relevant.length ? data.guidance.filter(function (s) { return relevant.indexOf(s.id) >= 0; }) : data.guidance;
    var stepParts = [checklist("step", chosen, function (s) {
      return [link(s.title, s.url), text(": " + s.summary)];
    }, function (s) { return s.id; })];
    if (relevant.length && chosen.length < data.guidance.length) {
      stepParts.push(el("p", {}, [text(say("js_screening_other_steps")), link(say("js_screening_all_steps"), "guidance/index.html"), text(".")]));
    }
    result.appendChild(section(say(relevant.length ? "js_screening_steps_for" : "js_screening_steps"), stepParts));

    var sourceParts = [];
    if (product.sources.length) { sourceParts.push(el("h4", { text: say("js_screening_cited_product") }), el("ol", { "class": "record-sources" }, product.sources.map(sourceLine))); }
    if (country.sources.length) { sourceParts.push(el("h4", { text: say("js_screening_cited_country") }), el("ol", { "class": "record-sources" }, country.sources.map(sourceLine))); }
    if (sourceParts.length) { result.appendChild(section(say("js_screening_sources"), sourceParts)); }

    var saved = load();
    result.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = !!(saved.ticks || {})[box.getAttribute("data-key")]; });
    fields.forEach(function (field) {
      var value = (saved.fields || {})[field.name];
      if (field.type === "radio") { field.checked = value === field.value; } else { field.value = value || ""; }
    });
    mirror();
    describe(product, country);
  }

  function changed() {
    save();
    mirror();
    var product = products[productSelect.value];
    var country = countries[countrySelect.value];
    if (product && country) { describe(product, country); }
  }

  productSelect.addEventListener("change", function () { write(); render(); });
  countrySelect.addEventListener("change", function () { write(); render(); });
  record.addEventListener("change", changed);
  record.addEventListener("input", changed);
  printButton.addEventListener("click", function () { mirror(); window.print(); });
  clearButton.addEventListener("click", function () {
    try { window.localStorage.removeItem(storageKey()); } catch (e) { storageWorks = false; }
    render();
    status.textContent = say("js_screening_cleared");
  });
  window.addEventListener("beforeprint", mirror);
  window.addEventListener("hashchange", function () { read(); render(); });
  read();
  render();
}());
