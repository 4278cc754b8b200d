import DiligenceSupport

/// Checks that every name a template uses is a field of a view it can be
/// rendered with: a misspelt `{{titel}}` would otherwise render nothing,
/// silently, on every page (Zola's Tera refuses an unknown variable; Hugo,
/// like Mustache, prints nothing). The templates are walked as the renderer
/// walks them — sections push what they open, partials are followed with
/// the stack at their call, a parent's blocks take the child's overrides —
/// but with each value's shape (`TemplateSchema`) instead of its value.
package struct TemplateNameChecker {
    /// A name no view on the stack has.
    package struct Problem: Equatable {
        /// The template the name is written in, and where its tag starts.
        package var template: String
        package var offset: Int
        package var name: String
        /// The names that would have been found there, for "did you mean".
        package var known: [String]
        /// The view the name was looked up in ("PageView"), the innermost first.
        package var views: [String]
    }

    package let templates: [String: [TemplateNode]]
    private(set) var problems: [Problem] = []
    /// (template, stack) pairs already walked: a partial included from many
    /// places, or from itself, is checked once per distinct stack.
    private var walked: Set<String> = []
    /// Templates walked at least once, from any stack.
    package private(set) var reached: Set<String> = []

    package init(templates: [String: [TemplateNode]]) {
        self.templates = templates
    }

    /// Checks `template` rendered with a value of `root`'s shape; returns
    /// every problem found so far, each once.
    package mutating func check(_ template: String, root: TemplateSchema) -> [Problem] {
        walk(template, [.object(root)], blocks: [:])
        return problems
    }

    private typealias Blocks = [String: (nodes: [TemplateNode], template: String)]

    private mutating func walk(_ template: String, _ stack: [TemplateShape], blocks: Blocks) {
        // A name resolves to the innermost value that has it: a shape that
        // is also further in adds nothing, so it is dropped. The stack of a
        // partial that includes itself thus stops growing, and the walk ends.
        var seen: Set<String> = []
        let stack = Array(stack.reversed().filter { seen.insert(Self.signature([$0])).inserted }.reversed())
        // A parent's blocks are part of what is walked: the same base with
        // another child's overrides is another walk.
        let key = template + "|" + Self.signature(stack) + "|" + blocks.map { $0.key + "@" + $0.value.template }.sorted().joined(separator: ",")
        guard walked.insert(key).inserted, let nodes = templates[template] else { return }
        reached.insert(template)
        walk(nodes, in: template, stack, blocks: blocks)
    }

    private mutating func walk(_ nodes: [TemplateNode], in template: String, _ stack: [TemplateShape], blocks: Blocks) {
        for node in nodes {
            switch node {
            case .text, .blockOverride:
                break
            case .variable(let name, _):
                _ = resolve(name, in: template, stack)
            case .section(let name, let inverted, let body):
                let shape = resolve(name, in: template, stack)
                var inner = stack
                if !inverted {
                    switch shape {
                    case .list(let item): inner.append(item)
                    case .object, .anything: inner.append(shape)
                    case .value: inner.append(.value)
                    }
                }
                walk(body, in: template, inner, blocks: blocks)
            case .block(let name, let body, _):
                if let replaced = blocks[name] {
                    walk(replaced.nodes, in: replaced.template, stack, blocks: blocks)
                } else {
                    walk(body, in: template, stack, blocks: blocks)
                }
            case .partial(let name, _, let overrides):
                var inner = blocks
                for (block, nodes) in overrides ?? [:] where inner[block] == nil { inner[block] = (nodes, template) }
                walk(name, stack, blocks: inner)
            }
        }
    }

    /// The shape a name resolves to, recording a problem when no view has it.
    private mutating func resolve(_ name: TemplateName, in template: String, _ stack: [TemplateShape]) -> TemplateShape {
        var shape: TemplateShape
        var path = name.path[...]
        switch name.root {
        case .position:
            return .value
        case .current:
            shape = stack.last ?? .anything
        case .stack:
            let key = path.removeFirst()
            var found: TemplateShape?
            for outer in stack.reversed() {
                switch outer {
                case .anything: found = .anything
                case .object(let schema): found = schema.field(key)
                case .value, .list: continue
                }
                if found != nil { break }
            }
            guard let resolved = found else {
                // What the names could have been, gathered only for the report.
                let schemas = stack.reversed().compactMap { if case .object(let schema) = $0 { schema } else { nil } }
                record(Problem(template: template, offset: name.offset, name: name.text,
                               known: schemas.flatMap { $0.fields.map(\.name) }, views: schemas.map(\.name)))
                return .anything
            }
            shape = resolved
        }
        for key in path {
            switch shape {
            case .anything: return .anything
            case .object(let schema):
                guard let field = schema.field(key) else {
                    record(Problem(template: template, offset: name.offset, name: name.text,
                                   known: schema.fields.map(\.name), views: [schema.name]))
                    return .anything
                }
                shape = field
            case .value, .list:
                record(Problem(template: template, offset: name.offset, name: name.text, known: [], views: []))
                return .anything
            }
        }
        for transform in name.transforms {
            switch (transform, shape) {
            case (.first, .list(let item)), (.last, .list(let item)): shape = item
            case (.reversed, _): break
            case (_, .anything): break
            default: shape = .value
            }
        }
        return shape
    }

    private mutating func record(_ problem: Problem) {
        if !problems.contains(where: { $0.template == problem.template && $0.offset == problem.offset }) {
            problems.append(problem)
        }
    }

    /// A stack's shapes as text, to know when a partial was already walked with it.
    private static func signature(_ stack: [TemplateShape]) -> String {
        stack.map { shape -> String in
            switch shape {
            case .value: return "v"
            case .anything: return "*"
            case .list(let item): return "[" + signature([item]) + "]"
            case .object(let schema): return schema.name
            }
        }.joined(separator: "/")
    }
}
