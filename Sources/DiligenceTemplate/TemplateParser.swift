import DiligenceSupport

/// Compiles Mustache text into `TemplateNode`s, once per build, on bytes.
///
/// The dialect and its whitespace rules are swift-mustache's, which Diligence
/// used before this engine, so templates written for it render the same
/// bytes: a line holding only a section, comment, partial, block or
/// delimiter tag (and spaces or tabs) is "standalone" and leaves no trace; a
/// standalone partial indents every line it renders by the tag's own
/// indentation; `{{< parent}}{{$ block}}…{{/ block}}{{/ parent}}` renders a
/// parent template with some of its blocks replaced. Not supported (a syntax
/// error says so): lambdas, dynamic partials `{{>*name}}` and the
/// `{{%CONTENT_TYPE}}` pragma.
package struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    /// Every partial and parent tag, so the library can check each names a
    /// template; `guarded` when it sits inside a section, which can stop a
    /// partial that includes itself.
    package private(set) var references: [(name: String, offset: Int, guarded: Bool)] = []

    private struct State {
        /// The open section, parent or block: its name as written and its tag's offset.
        package var open: (name: String, offset: Int)? = nil
        /// At the start of a line: a tag here may be standalone.
        package var newLine = true
        /// Inside at least one `{{#…}}` or `{{^…}}` section.
        package var inSection = false
        /// Inside `{{< parent}}…{{/ parent}}`, where only block tags may appear.
        package var inParent = false
        package var parentTopLevel = false
        /// Indentation of a replaced block's first line, taken off every line.
        package var blockIndent: Int? = nil
        package var opening: [UInt8] = Array("{{".utf8)
        package var closing: [UInt8] = Array("}}".utf8)
    }

    private enum Stop { case newline, tag, end }

    package init(_ source: TemplateSource) {
        bytes = source.bytes
    }

    /// The template's nodes, or the first syntax error.
    package mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        try parse(State())
    }

    private mutating func parse(_ initial: State) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whitespace: ArraySlice<UInt8> = []
        while position < bytes.count {
            if state.newLine {
                let indent = readSpacesAndTabs()
                if state.inParent, !state.parentTopLevel {
                    if let first = state.blockIndent {
                        whitespace = indent.dropFirst(first)
                    } else {
                        state.blockIndent = indent.count
                    }
                } else {
                    whitespace = indent
                }
            }
            let (text, stop) = readText(state)
            if stop == .newline {
                nodes.append(.text(Array(whitespace) + text + [bytes[position]]))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(whitespace) + text))
                whitespace = []
                state.newLine = false
            }
            if stop == .end { break }

            let tag = position - state.opening.count
            guard position < bytes.count else {
                throw TemplateSyntaxError(offset: tag, message: "tag '\(string(state.opening))' is not closed",
                                          hint: "end it with '\(string(state.closing))'")
            }
            var standalone = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let name = try readName(state, tag: tag)
                if isStandalone(state) {
                    standalone = true
                } else if !whitespace.isEmpty {
                    nodes.append(.text(Array(whitespace)))
                    whitespace = []
                }
                var section = inner(state, opening: name.text, at: tag, newLine: standalone)
                section.inSection = true
                let body = try parse(section)
                nodes.append(.section(name, inverted: inverted, body: body))

            case UInt8(ascii: "/"):
                position += 1
                let name = try readName(state, tag: tag)
                guard let open = state.open, open.name == name.text else {
                    if let open = state.open {
                        let line = TemplateSource(bytes: bytes).location(of: open.offset).line
                        throw TemplateSyntaxError(offset: tag, message: "'{{/\(name.text)}}' closes '\(open.name)', opened on line \(line)",
                                                  hint: "close '\(open.name)' first with {{/\(open.name)}}")
                    }
                    throw TemplateSyntaxError(offset: tag, message: "'{{/\(name.text)}}' closes a section that is not open",
                                              hint: "remove it, or open the section with {{#\(name.text)}}")
                }
                if !isStandalone(state), !whitespace.isEmpty {
                    nodes.append(.text(Array(whitespace)))
                }
                return nodes

            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(state.closing, from: position) else {
                    throw TemplateSyntaxError(offset: tag, message: "comment is not closed",
                                              hint: "end it with '\(string(state.closing))'")
                }
                position = end + state.closing.count
                standalone = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !whitespace.isEmpty {
                    nodes.append(.text(Array(whitespace)))
                    whitespace = []
                }
                position += 1
                let name = try readName(state, tag: tag)
                if triple {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                        throw TemplateSyntaxError(offset: tag, message: "'{{{\(name.text)}}' is missing its third '}'",
                                                  hint: "write {{{\(name.text)}}}")
                    }
                    position += 1
                }
                nodes.append(.variable(name, escaped: false))

            case UInt8(ascii: ">"):
                position += 1
                let name = try readPartialName(state, tag: tag)
                if !whitespace.isEmpty {
                    nodes.append(.text(Array(whitespace)))
                }
                references.append((name, tag, state.inSection))
                if isStandalone(state) {
                    standalone = true
                    nodes.append(.partial(name, indentation: Array(whitespace), overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }
                whitespace = []

            case UInt8(ascii: "<"):
                position += 1
                let name = try readPartialName(state, tag: tag)
                if !whitespace.isEmpty {
                    nodes.append(.text(Array(whitespace)))
                }
                standalone = isStandalone(state)
                var parent = inner(state, opening: name, at: tag, newLine: true)
                parent.newLine = true
                parent.inParent = true
                parent.parentTopLevel = true
                var overrides: [String: [TemplateNode]] = [:]
                for node in try parse(parent) {
                    switch node {
                    case .blockOverride(let block, let body): overrides[block] = body
                    case .text: break
                    default:
                        throw TemplateSyntaxError(offset: tag, message: "'{{<\(name)}}' may hold only blocks",
                                                  hint: "put its content in {{$block}}…{{/block}} tags naming blocks of '\(name)'")
                    }
                }
                references.append((name, tag, state.inSection))
                nodes.append(.partial(name, indentation: Array(whitespace), overrides: overrides))
                whitespace = []

            case UInt8(ascii: "$"):
                position += 1
                let name = try readName(state, tag: tag)
                guard name.transforms.isEmpty else {
                    throw TemplateSyntaxError(offset: tag, message: "a block name cannot have a function: '{{$\(name.text)}}'",
                                              hint: "name the block without parentheses")
                }
                if state.parentTopLevel {
                    standalone = isStandalone(state)
                    let body = try parse(inner(state, opening: name.text, at: tag, newLine: standalone))
                    nodes.append(.blockOverride(name.text, body: body))
                } else {
                    if !whitespace.isEmpty {
                        nodes.append(.text(Array(whitespace)))
                    }
                    standalone = isStandalone(state)
                    let body = try parse(inner(state, opening: name.text, at: tag, newLine: standalone))
                    nodes.append(.block(name.text, body: body, indentation: Array(whitespace)))
                    whitespace = []
                }

            case UInt8(ascii: "="):
                position += 1
                state = try readDelimiters(state, tag: tag)
                standalone = isStandalone(state)

            case UInt8(ascii: "%"):
                throw TemplateSyntaxError(offset: tag, message: "pragmas ('{{%…}}') are not supported",
                                          hint: "remove the tag; Diligence templates are HTML")

            default:
                if !whitespace.isEmpty {
                    nodes.append(.text(Array(whitespace)))
                    whitespace = []
                }
                let name = try readName(state, tag: tag)
                nodes.append(.variable(name, escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.open {
            throw TemplateSyntaxError(offset: open.offset, message: "'\(open.name)' is opened here and never closed",
                                      hint: "close it with {{/\(open.name)}}")
        }
        return nodes
    }

    /// The state inside a section, parent or block opened by a tag.
    private func inner(_ state: State, opening name: String, at offset: Int, newLine: Bool) -> State {
        var inner = state
        inner.open = (name, offset)
        inner.parentTopLevel = false
        if !newLine { inner.newLine = false }
        return inner
    }

    // MARK: Reading

    private mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
        return bytes[start..<position]
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Text up to a line feed (not consumed) or an opening delimiter (consumed).
    private mutating func readText(_ state: State) -> (ArraySlice<UInt8>, Stop) {
        let start = position
        let first = state.opening[0]
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") { return (bytes[start..<position], .newline) }
            if byte == first, bytes[position...].starts(with: state.opening) {
                let text = bytes[start..<position]
                position += state.opening.count
                return (text, .tag)
            }
            position += 1
        }
        return (bytes[start..<position], .end)
    }

    /// After a tag at the start of a line: true, and the line's end consumed,
    /// if nothing but spaces and tabs follows it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= bytes.count { return true }
        var end = position
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        guard let length = lineBreak(at: end) else { return false }
        position = end + length
        return true
    }

    /// The length of the line break at `offset`, if there is one: CR LF, or
    /// one of the characters Swift counts as a newline (LF, VT, FF, CR, NEL,
    /// LS, PS), as swift-mustache did.
    private func lineBreak(at offset: Int) -> Int? {
        guard offset < bytes.count else { return nil }
        let rest = bytes[offset...]
        switch bytes[offset] {
        case 0x0D: return rest.starts(with: [0x0D, 0x0A]) ? 2 : 1
        case 0x0A, 0x0B, 0x0C: return 1
        case 0xC2: return rest.starts(with: [0xC2, 0x85]) ? 2 : nil
        case 0xE2: return rest.starts(with: [0xE2, 0x80, 0xA8]) || rest.starts(with: [0xE2, 0x80, 0xA9]) ? 3 : nil
        default: return nil
        }
    }

    private mutating func readName(_ state: State, tag: Int) throws(TemplateSyntaxError) -> TemplateName {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.nameBytes[Int(bytes[position])] { position += 1 }
        let text = string(bytes[start..<position])
        try readClosing(state, tag: tag, after: text)
        return try Self.name(text, at: tag)
    }

    private mutating func readPartialName(_ state: State, tag: Int) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
            throw TemplateSyntaxError(offset: tag, message: "dynamic partials ('*name') are not supported",
                                      hint: "name the partial itself")
        }
        let start = position
        while position < bytes.count, Self.nameBytes[Int(bytes[position])] || bytes[position] == UInt8(ascii: "/") {
            position += 1
        }
        let name = string(bytes[start..<position])
        try readClosing(state, tag: tag, after: name)
        return name
    }

    private mutating func readClosing(_ state: State, tag: Int, after name: String) throws(TemplateSyntaxError) {
        skipWhitespace()
        guard bytes[position...].starts(with: state.closing) else {
            let what = position < bytes.count ? "has '\(string(bytes[position..<position + 1]))' where it should end"
                                              : "is not closed"
            throw TemplateSyntaxError(offset: tag, message: "tag '\(string(state.opening))\(name)…' \(what)",
                                      hint: "names are letters, digits and . - _ ?, and a tag ends with '\(string(state.closing))'")
        }
        position += state.closing.count
    }

    /// `{{=<% %>=}}`: new delimiters for the rest of the enclosing section.
    private mutating func readDelimiters(_ state: State, tag: Int) throws(TemplateSyntaxError) -> State {
        let invalid = TemplateSyntaxError(offset: tag, message: "delimiter tag is malformed",
                                          hint: "write it as {{=<% %>=}}: two delimiters separated by a space, between '='")
        skipWhitespace()
        var start = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]) { position += 1 }
        let opening = Array(bytes[start..<position])
        skipWhitespace()
        start = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "=") { position += 1 }
        let closing = Array(bytes[start..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "="), !opening.isEmpty, !closing.isEmpty else { throw invalid }
        position += 1
        guard bytes[position...].starts(with: state.closing) else { throw invalid }
        position += state.closing.count
        var next = state
        next.opening = opening
        next.closing = closing
        next.parentTopLevel = false
        return next
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index...].starts(with: needle) { return index }
            index += 1
        }
        return nil
    }

    private func string(_ bytes: some Sequence<UInt8>) -> String { String(decoding: Array(bytes), as: UTF8.self) }

    // MARK: Names

    /// Splits `a(b(x.y))` into the path ["x", "y"] and the transforms b, a.
    package static func name(_ text: String, at offset: Int) throws(TemplateSyntaxError) -> TemplateName {
        var rest = Substring(text)
        var functions: [Substring] = []
        while let paren = rest.firstIndex(of: "(") {
            functions.append(rest[..<paren])
            rest = rest[rest.index(after: paren)...]
        }
        var closers = 0
        while rest.last == ")" {
            rest = rest.dropLast()
            closers += 1
        }
        guard closers == functions.count, !rest.contains(")"), !functions.contains(where: { $0.contains(")") }) else {
            throw TemplateSyntaxError(offset: offset, message: "'\(text)' has unbalanced parentheses",
                                      hint: "write a function around a name, like empty(sources)")
        }
        var transforms: [TemplateTransform] = []
        for function in functions.reversed() {
            guard let transform = TemplateTransform(rawValue: String(function)) else {
                let known = TemplateTransform.allCases.map(\.rawValue).joined(separator: ", ")
                throw TemplateSyntaxError(offset: offset, message: "unknown function '\(function)' in '\(text)'",
                                          hint: "known functions: \(known)")
            }
            transforms.append(transform)
        }
        let path = rest.split(separator: ".").map(String.init)
        let root: TemplateName.Root
        if rest == "." {
            root = .current
        } else if rest.isEmpty, !transforms.isEmpty {
            root = .position
        } else if rest.first == "." || path.isEmpty {
            root = .current
        } else {
            root = .stack
        }
        return TemplateName(root: root, path: path, transforms: transforms, text: text, offset: offset)
    }

    /// Bytes allowed in a tag's name: letters, digits, `. - _ ? * ( )`.
    private static let nameBytes: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return ".-_?*()".utf8.contains(byte)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
