/// Renders compiled templates into bytes: names resolved against a stack of
/// `TemplateValue`s, text escaped on UTF-8 bytes, nothing cast or reflected.
///
/// The structure follows swift-mustache's renderer (one scope per rendered
/// node list, a section rendered as one piece) so that the indentation of
/// standalone partials lands on the same lines it did.
struct TemplateRenderer {
    /// Where the list item being rendered sits in its list (`{{index()}}`).
    struct Position {
        var index: Int
        var count: Int
    }

    /// What a partial or a block passes down besides the stack.
    private struct Scope {
        var indentation: [UInt8] = []
        /// Blocks replaced by the templates that included this one; the
        /// outermost replacement wins.
        var blocks: [String: [TemplateNode]] = [:]
        var position: Position? = nil
    }

    let templates: [String: [TemplateNode]]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue] = []

    init(templates: [String: [TemplateNode]]) {
        self.templates = templates
    }

    /// Renders the template named `name` for `value` after what is already in `output`.
    mutating func render(_ name: String, with value: TemplateValue) {
        guard let nodes = templates[name] else { return }
        stack.append(value)
        render(nodes, Scope())
        stack.removeLast()
    }

    private mutating func render(_ nodes: [TemplateNode], _ scope: Scope) {
        if scope.indentation.isEmpty {
            for node in nodes { render(node, scope) }
            return
        }
        // A piece that starts a line gets the indentation before it.
        let start = output.count
        for node in nodes {
            let before = output.count
            render(node, scope)
            if output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n") {
                output.insert(contentsOf: scope.indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: TemplateNode, _ scope: Scope) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)

        case .variable(let name, let escaped):
            switch resolve(name, scope) {
            case .text(let text): escaped ? HTMLEscaping.append(text, escapedTo: &output) : output.append(contentsOf: text.utf8)
            case .number(let number): output.append(contentsOf: String(number).utf8)
            case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .missing, .object, .list: break
            }

        case .section(let name, let inverted, let body):
            let value = resolve(name, scope)
            var inner = scope
            inner.position = nil
            switch (value, inverted) {
            case (.missing, false): break
            case (.missing, true): render(body, scope)
            case (.flag(let flag), _): if flag != inverted { render(body, scope) }
            case (.list(let list), false):
                for index in 0..<list.count {
                    inner.position = Position(index: index, count: list.count)
                    stack.append(list.element(at: index))
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
            render(scope.blocks[name] ?? body, inner)

        case .partial(let name, let indentation, let overrides):
            guard let nodes = templates[name] else { return }
            var inner = scope
            inner.indentation += indentation ?? []
            inner.position = nil
            if let overrides {
                inner.blocks.merge(overrides) { outer, _ in outer }
            }
            render(nodes, inner)

        case .blockOverride:
            break
        }
    }

    private func resolve(_ name: TemplateName, _ scope: Scope) -> TemplateValue {
        var value: TemplateValue
        var path = name.path[...]
        var transforms = name.transforms[...]
        switch name.root {
        case .position:
            guard let position = scope.position, let first = transforms.popFirst() else { return .missing }
            value = first.apply(to: position)
        case .current:
            value = stack.last ?? .missing
        case .stack:
            let key = path.removeFirst()
            value = .missing
            for entry in stack.reversed() {
                guard case .object(let object) = entry else { continue }
                let found = object.value(named: key)
                if case .missing = found { continue }
                value = found
                break
            }
        }
        for key in path {
            guard case .object(let object) = value else { return .missing }
            value = object.value(named: key)
        }
        for transform in transforms {
            if case .missing = value { return .missing }
            value = transform.apply(to: value)
        }
        return value
    }
}
