import Foundation

/// What `serve` adds to the pages it serves, and only there (never to
/// `build` output): a script element for `/__diligence/live.js` before
/// `</body>`, and `connect-src 'self'` in the page's Content-Security-Policy
/// so that script may open its event stream. The script is a file, so the
/// rest of the CSP (`script-src 'self'`, no inline script) still holds.
enum LiveReload {
    static let scriptPath = "/__diligence/live.js"
    static let eventsPath = "/__diligence/events"

    static func inject(into html: Data) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        text = text.replacingOccurrences(of: "connect-src 'none'", with: "connect-src 'self'")
        let tag = "<script src=\"\(scriptPath)\"></script>"
        if let range = text.range(of: "</body>", options: .backwards) {
            text.replaceSubrange(range, with: tag + "</body>")
        } else {
            text += tag
        }
        return Data(text.utf8)
    }

    /// Reloads the page after a good rebuild; shows the build's problems over
    /// the page after a failed one (built with DOM text nodes and CSSOM
    /// styles, which the CSP allows, no inline markup or style attributes).
    static let script = """
    (function () {
      "use strict";
      var overlay = null;
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      function show(problems) {
        hide();
        overlay = document.createElement("div");
        overlay.id = "diligence-problems";
        overlay.setAttribute("role", "alert");
        var s = overlay.style;
        s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
        s.background = "rgba(20, 20, 20, 0.94)"; s.color = "#fff"; s.padding = "2rem";
        s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
        var title = document.createElement("h2");
        title.textContent = "The site did not build: " + problems.length + " problem" + (problems.length === 1 ? "" : "s") +
          ". The last good version is shown underneath; fix the files and save.";
        title.style.color = "#ff8a80";
        overlay.appendChild(title);
        var list = document.createElement("ol");
        problems.forEach(function (p) {
          var item = document.createElement("li");
          item.style.margin = "0 0 1rem";
          var where = document.createElement("strong");
          where.textContent = p.file + ":" + p.line + ":" + p.column;
          item.appendChild(where);
          item.appendChild(document.createTextNode(" " + p.severity + ": " + p.message));
          if (p.hint) {
            var hint = document.createElement("div");
            hint.textContent = "hint: " + p.hint;
            hint.style.color = "#b0bec5";
            item.appendChild(hint);
          }
          list.appendChild(item);
        });
        overlay.appendChild(list);
        document.body.appendChild(overlay);
      }
      var events = new EventSource("\(eventsPath)");
      events.addEventListener("reload", function () { window.location.reload(); });
      events.addEventListener("problems", function (event) { show(JSON.parse(event.data)); });
      events.addEventListener("ok", function () { hide(); });
    }());

    """
}
