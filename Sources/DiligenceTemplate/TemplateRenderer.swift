import DiligenceSupport

/// Renders compiled templates into bytes: names resolved against a stack of
/// `TemplateValue`s, text escaped on UTF-8 bytes, nothing cast or reflected.
///
/// The structure follows swift-mustache's renderer (one scope per rendered
/// node list, a section rendered as one piece) so that the indentation of
/// standalone partials lands on the same lines it did.
///
/// With `keepsRows`, the items of lists whose objects have a `reuseKey` are
/// recorded as `rows`, and an item whose row key is in `reusable` is copied
/// from there instead of rendered: a listing page of 10,000 links, rendered
/// again after one title changed, renders one link.
package struct TemplateRenderer {
    /// Where the list item being rendered sits in its list (`{{index()}}`).
    package struct Position {
        package var index: Int
        package var count: Int
    }

    /// What a partial or a block passes down besides the stack.
    private struct Scope {
        package var indentation: [UInt8] = []
        /// Blocks replaced by the templates that included this one; the
        /// outermost replacement wins.
        package var blocks: [String: [TemplateNode]] = [:]
        package var position: Position? = nil
        /// Where in the templates this is: a hash of the template's name and
        /// of the place of every section, partial and block entered on the
        /// way. The same place means the same nodes, indentation and blocks.
        package var place: UInt64 = 0
    }

    /// The list item whose row is being recorded, and whether its rendering
    /// read anything from outside it (then it is not a row).
    private struct OpenRow {
        package var stackDepth: Int
        package var escaped = false
    }

    package let templates: [String: [TemplateNode]]
    package private(set) var output: [UInt8] = []
    private var stack: [TemplateValue] = []

    /// Record `rows`, and copy the items found in `reusable`.
    package var keepsRows = false
    /// The rows and bytes of the last rendering, to copy items from.
    package var reusable = KeptRows()
    /// The rows of `output`, in order.
    package private(set) var rows: [TemplateRow] = []
    /// How many of them were copied from `reusable`.
    package private(set) var copied = 0
    private var openRow: OpenRow?
    /// Partials being rendered, outermost first: a partial may include
    /// itself (a tree of steps, nested menus) as long as a section stops it,
    /// but not deeper than `maximumDepth`.
    private var partials: [String] = []
    /// Deepest nesting of partials rendered; past it the partial is left out
    /// and `runaway` says where.
    package static let maximumDepth = 64
    /// The chain of partials that went past `maximumDepth`, if one did.
    package private(set) var runaway: [String]?

    package init(templates: [String: [TemplateNode]]) {
        self.templates = templates
    }

    /// Makes room for `bytes` of output at once: a listing page rendered
    /// again is about as long as it was, and growing 2 MB by doubling
    /// copied it several times over fresh pages.
    package mutating func reserve(_ bytes: Int) {
        if bytes > 0 { output.reserveCapacity(bytes) }
    }

    /// Renders the template named `name` for `value` after what is already in `output`.
    package mutating func render(_ name: String, with value: TemplateValue) {
        guard let nodes = templates[name] else { return }
        var place = StableHasher()
        place.combine(name)
        stack.append(value)
        render(nodes, Scope(place: place.value))
        stack.removeLast()
    }

    private mutating func render(_ nodes: [TemplateNode], _ scope: Scope) {
        if scope.indentation.isEmpty {
            for (i, node) in nodes.enumerated() { render(node, at: i, scope) }
            return
        }
        // A piece that starts a line gets the indentation before it.
        let start = output.count
        for (i, node) in nodes.enumerated() {
            let before = output.count
            render(node, at: i, scope)
            if output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n") {
                output.insert(contentsOf: scope.indentation, at: before)
                // Rows already recorded in this piece move with it (a row
                // is never cut: it ends before this piece or lies in it).
                var k = rows.count
                while k > 0, rows[k - 1].start >= before {
                    k -= 1
                    rows[k].start += scope.indentation.count
                    rows[k].end += scope.indentation.count
                }
            }
        }
    }

    /// The place of node `index` of the nodes `scope` is rendering.
    private static func place(_ scope: Scope, _ index: Int) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(scope.place)
        hasher.combine(index)
        return hasher.value
    }

    /// The row key of list item `index`, if rows are kept, none is open and
    /// the item has one; and the item, if finding out made it.
    private func rowKey(_ list: any TemplateSequence, _ index: Int, _ place: UInt64) -> (key: UInt64?, item: TemplateValue?) {
        guard keepsRows, openRow == nil else { return (nil, nil) }
        var item: TemplateValue?
        var key = list.reuseKey(at: index)
        if key == nil {
            let made = list.element(at: index)
            item = made
            if case .object(let object) = made { key = object.reuseKey }
        }
        guard let key else { return (nil, item) }
        var hasher = StableHasher()
        hasher.combine(place)
        hasher.combine(key)
        return (hasher.value, item)
    }

    /// Renders list item `index` as a row: copied if `reusable` has it (the
    /// item is then never made), recorded unless it read something from
    /// outside itself.
    private mutating func renderRow(_ list: any TemplateSequence, _ index: Int, made: TemplateValue?, key: UInt64,
                                    _ body: [TemplateNode], _ scope: Scope) {
        let start = output.count
        if reusable.copy(key, to: &output) {
            copied += 1
        } else {
            openRow = OpenRow(stackDepth: stack.count)
            stack.append(made ?? list.element(at: index))
            render(body, scope)
            stack.removeLast()
            let escaped = openRow!.escaped
            openRow = nil
            if escaped { return }
        }
        rows.append(TemplateRow(key: key, start: start, end: output.count))
    }

    private mutating func render(_ node: TemplateNode, at index: Int, _ scope: Scope) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)

        case .variable(let name, let escaped):
            switch resolve(name, scope) {
            case .text(let text): escaped ? HTMLEscaping.append(text, escapedTo: &output) : output.append(contentsOf: text.utf8)
            case .number(let number): output.append(contentsOf: String(number).utf8)
            case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .missing, .null, .object, .list: break
            }

        case .section(let name, let inverted, let body):
            let value = resolve(name, scope)
            // A body shown once without a new value keeps the list position;
            // every body gets its own place.
            var same = scope
            same.place = Self.place(scope, index)
            var inner = same
            inner.position = nil
            switch (value, inverted) {
            case (.missing, false), (.null, false): break
            case (.missing, true), (.null, true): render(body, same)
            case (.flag(let flag), _): if flag != inverted { render(body, same) }
            case (.list(let list), false):
                for i in 0..<list.count {
                    inner.position = Position(index: i, count: list.count)
                    let row = rowKey(list, i, inner.place)
                    if let key = row.key {
                        renderRow(list, i, made: row.item, key: key, body, inner)
                        continue
                    }
                    stack.append(row.item ?? list.element(at: i))
                    render(body, inner)
                    stack.removeLast()
                }
            case (.list(let list), true):
                if list.count == 0 {
                    stack.append(value)
                    render(body, inner)
                    stack.removeLast()
                }
            case (_, false):
                stack.append(value)
                render(body, inner)
                stack.removeLast()
            case (_, true): break
            }

        case .block(let name, let body, let indentation):
            var inner = scope
            inner.indentation += indentation
            inner.position = nil
            inner.place = Self.place(scope, index)
            render(scope.blocks[name] ?? body, inner)

        case .partial(let name, let indentation, let overrides):
            guard let nodes = templates[name] else { return }
            guard partials.count < Self.maximumDepth else {
                if runaway == nil { runaway = partials + [name] }
                return
            }
            partials.append(name)
            defer { partials.removeLast() }
            var inner = scope
            inner.indentation += indentation ?? []
            inner.position = nil
            inner.place = Self.place(scope, index)
            if let overrides {
                inner.blocks.merge(overrides) { outer, _ in outer }
            }
            render(nodes, inner)

        case .blockOverride:
            break
        }
    }

    private mutating func resolve(_ name: TemplateName, _ scope: Scope) -> TemplateValue {
        var value: TemplateValue
        // Indices into the name's parts rather than slices of them: every
        // tag of every page resolves a name.
        var field = 0, firstTransform = 0
        switch name.root {
        case .position:
            openRow?.escaped = true  // the item's place in its list
            guard let position = scope.position, let first = name.transforms.first else { return .missing }
            value = first.apply(to: position)
            firstTransform = 1
        case .current:
            value = stack.last ?? .missing
        case .stack:
            let key = name.path[0]
            field = 1
            value = .missing
            var depth = stack.count
            var fixed = false
            while depth > 0 {
                depth -= 1
                guard case .object(let object) = stack[depth] else { continue }
                let found = object.value(named: key)
                if case .missing = found { continue }
                value = found
                fixed = object.isFixedForTheBuild(key)
                break
            }
            // Answered from outside the open row (unless by a value fixed
            // for the whole build), or by nobody (which depends on the
            // outer values too): not a row.
            if let row = openRow {
                var inside = depth >= row.stackDepth || fixed
                if case .missing = value { inside = false }
                if !inside { openRow!.escaped = true }
            }
        }
        while field < name.path.count {
            guard case .object(let object) = value else { return .missing }
            value = object.value(named: name.path[field])
            field += 1
        }
        while firstTransform < name.transforms.count {
            if case .missing = value { return .missing }
            if case .null = value { return .missing }
            value = name.transforms[firstTransform].apply(to: value)
            firstTransform += 1
        }
        if case .null = value { return .missing }
        return value
    }
}
