/* Diligence transaction screening: builds a printable checklist for one
   product and one destination country from window.DiligenceScreening
   (data/screening.js). Every piece of data becomes a text node; nothing is
   parsed as HTML. The choice is kept in the URL (#product=…&country=…), so a
   checklist can be linked and a product or country page can preselect it. */
(function () {
  "use strict";
  var data = window.DiligenceScreening;
  var form = document.getElementById("screening-form");
  var result = document.getElementById("screening-result");
  if (!data || !form || !result) { return; }
  var productSelect = document.getElementById("screening-product");
  var countrySelect = document.getElementById("screening-country");
  var printButton = document.getElementById("screening-print");
  var help = document.getElementById("screening-no-script");
  form.hidden = false;
  if (help) { help.hidden = true; }

  function byId(list) {
    var map = {};
    list.forEach(function (item) { map[item.id] = item; });
    return map;
  }
  var products = byId(data.products);
  var countries = byId(data.countries);
  var steps = byId(data.guidance);

  function el(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attributes[key]; } else { node.setAttribute(key, attributes[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  function text(value) { return document.createTextNode(value); }
  function link(title, url) {
    var a = el("a", { href: url, text: title });
    if (/^https?:/.test(url)) { a.rel = "noopener noreferrer"; }
    return a;
  }
  function risk(r) {
    return el("span", { "class": "risk risk-" + r.id + " risk-rank-" + r.rank, text: r.rank > 0 ? r.label + " risk" : r.label });
  }
  var checkboxCount = 0;
  function checklist(items, render) {
    return el("ul", { "class": "checklist-items" }, items.map(function (item) {
      checkboxCount += 1;
      var id = "check-" + checkboxCount;
      var label = el("label", { "for": id });
      var content = render ? render(item) : [text(item)];
      content.forEach(function (node) { label.appendChild(node); });
      return el("li", {}, [el("input", { type: "checkbox", id: id }), text(" "), label]);
    }));
  }
  function section(title, children) {
    return el("section", { "class": "checklist-section" }, [el("h2", { text: title })].concat(children));
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

  function render() {
    var product = products[productSelect.value];
    var country = countries[countrySelect.value];
    result.textContent = "";
    checkboxCount = 0;
    printButton.disabled = !(product && country);
    if (!product || !country) {
      result.appendChild(el("p", { "class": "hint", text: "Choose a product and a destination country to see the checklist." }));
      return;
    }
    var concerns = (country.concerns || []).filter(function (c) {
      return c.products.indexOf(product.id) >= 0 || c.categories.indexOf(product.categoryID) >= 0;
    });
    result.appendChild(el("h2", { "class": "checklist-title", text: "Checklist: " + product.title + " to " + country.title }));
    result.appendChild(el("p", {}, [
      link(product.title, product.url), text(" "), risk(product.risk), text(" · "),
      link(country.title, country.url), text(" "), risk(country.risk)
    ]));
    [["Product", product], ["Country", country]].forEach(function (pair) {
      if (pair[1].risk.basis) { result.appendChild(el("p", { "class": "risk-basis", text: pair[0] + " rating basis: " + pair[1].risk.basis })); }
    });
    if (concerns.length) {
      result.appendChild(el("p", { "class": "notice", text: "The " + country.title + " profile documents " + (concerns.length === 1 ? "a concern" : concerns.length + " concerns") + " about this product or its category:" }));
      result.appendChild(checklist(concerns, function (c) {
        return [text(c.basis + " ("), link(c.source.title, c.source.url), text(")")];
      }));
    }
    if (country.overdue) {
      result.appendChild(el("p", { "class": "overdue", text: "The country profile was last reviewed on " + country.reviewed + " and is overdue for review: check its facts against the sources." }));
    }

    var productParts = [];
    if (product.redFlags.length) { productParts.push(el("h3", { text: "Red flags" }), checklist(product.redFlags)); }
    if (product.safeguards.length) { productParts.push(el("h3", { text: "Safeguards" }), checklist(product.safeguards)); }
    if (product.controls.length) {
      productParts.push(el("h3", { text: "Export controls" }), checklist(product.controls, function (c) {
        return [text(c.regime + (c.entry ? " " + c.entry : "") + (c.note ? ": " + c.note : ""))];
      }));
    }
    if (!productParts.length) { productParts.push(el("p", { text: "The product page lists no red flags or safeguards yet." })); }
    result.appendChild(section("Product: " + product.title + " (" + product.category + ")", productParts));

    var countryParts = [el("p", { text: "Region: " + country.region + ". Profile reviewed " + country.reviewed + "." })];
    if (country.factors.length) {
      countryParts.push(el("h3", { text: "Risk factors" }), checklist(country.factors, function (f) {
        var status = f.status === "unknown" ? "unknown, not yet sourced: find out before the sale" : f.statusLabel;
        var nodes = [el("strong", { text: f.label }), text(": " + status + (f.note ? ". " + f.note : ""))];
        if (f.source) { nodes.push(text(" ("), link(f.source.title, f.source.url), text(")")); }
        return nodes;
      }));
    }
    if (country.measures.length) {
      countryParts.push(el("h3", { text: "Measures in force" }), checklist(country.measures, function (m) {
        var nodes = [el("strong", { text: m.authority }), text(": " + m.text + (m.date ? " (in force from " + m.date + ")" : "") +
          (m.restrictsExports ? ". Restricts exports to this country." : ""))];
        if (m.source) { nodes.push(text(" ("), link(m.source.title, m.source.url), text(")")); }
        return nodes;
      }));
    }
    if (country.regimes.length) { countryParts.push(el("h3", { text: "Export-control regimes" }), el("ul", {}, country.regimes.map(function (r) { return el("li", { text: r }); }))); }
    result.appendChild(section("Destination: " + country.title, countryParts));

    var relevant = product.guidance.concat(country.guidance.filter(function (id) { return product.guidance.indexOf(id) < 0; }));
    var chosen = relevant.length ? data.guidance.filter(function (s) { return relevant.indexOf(s.id) >= 0; }) : data.guidance;
    result.appendChild(section(relevant.length ? "Guidance steps for this transaction" : "Guidance steps", [checklist(chosen, function (s) {
      return [link(s.title, s.url), text(": " + s.summary)];
    })]));
    if (relevant.length && chosen.length < data.guidance.length) {
      result.appendChild(el("p", {}, [text("The other steps of the guidance apply to every transaction: "), link("all guidance steps", "guidance/index.html"), text(".")]));
    }
  }

  productSelect.addEventListener("change", function () { write(); render(); });
  countrySelect.addEventListener("change", function () { write(); render(); });
  printButton.addEventListener("click", function () { window.print(); });
  window.addEventListener("hashchange", function () { read(); render(); });
  read();
  render();
}());
