/// Makes a theme's JavaScript smaller before it is published: comments,
/// indentation and the spaces between tokens that need none are removed,
/// and line breaks are kept (one per line of code), so automatic semicolon
/// insertion reads the script exactly as it read the original.
///
/// The theme's files stay readable in `templates/assets/`; the published
/// copy is what every reader downloads (`search.js` lost a third of its
/// bytes: 32.1 → 21.6 kB). Hugo's `resources.Minify`, MkDocs Material and
/// Pagefind ship minified scripts for the same reason; this does less than a
/// minifier (no renaming), which keeps it small enough to trust.
///
/// Strings, regular-expression literals and template literals are copied as
/// they are. Anything the scanner does not follow for certain — an
/// unterminated string, comment or regular expression, a template literal
/// with a `${…}` substitution — returns the script unchanged.
package enum ScriptCompactor {
    /// `source` compacted, or `source` itself when it cannot be compacted safely.
    package static func compact(_ source: [UInt8]) -> [UInt8] {
        var scanner = Scanner(source)
        return scanner.run() ?? source
    }

    private struct Scanner {
        let input: [UInt8]
        var output: [UInt8] = []
        var index = 0
        /// Whitespace seen since the last byte written: none, spaces, or a line break.
        var pendingSpace = false
        var pendingBreak = false
        /// The identifier or keyword just written, when the last token was one.
        var lastWord: ArraySlice<UInt8> = []
        /// The last token was a regular expression: a word after it would join its flags.
        var afterRegularExpression = false

        init(_ input: [UInt8]) {
            self.input = input
            output.reserveCapacity(input.count)
        }

        mutating func run() -> [UInt8]? {
            while index < input.count {
                let byte = input[index]
                switch byte {
                case .space, .tab, .formFeed, .verticalTab:
                    pendingSpace = true
                    index += 1
                case .newline, .carriageReturn:
                    pendingBreak = true
                    index += 1
                case .slash where next == .slash:
                    while index < input.count && input[index] != .newline { index += 1 }
                case .slash where next == .star:
                    guard let end = find(.star, .slash, from: index + 2) else { return nil }
                    if input[index..<end].contains(.newline) { pendingBreak = true } else { pendingSpace = true }
                    index = end + 2
                case .slash where regularExpressionMayStart:
                    guard copyRegularExpression() else { return nil }
                case .quote, .apostrophe, .backtick:
                    guard copyQuoted(closedBy: byte) else { return nil }
                default:
                    let start = index
                    if Self.isWordByte(byte) {
                        while index < input.count && Self.isWordByte(input[index]) { index += 1 }
                    } else {
                        index += 1
                    }
                    emit(input[start..<index])
                    lastWord = Self.isWordByte(byte) ? input[start..<index] : []
                }
            }
            if output.last != .newline && !output.isEmpty { output.append(.newline) }
            return output
        }

        var next: UInt8? { index + 1 < input.count ? input[index + 1] : nil }

        /// Writes a token, after the whitespace it needs: a line break when
        /// the source had one, a space only where two tokens would merge.
        mutating func emit(_ token: ArraySlice<UInt8>) {
            if let last = output.last, let first = token.first {
                if pendingBreak && last != .newline {
                    output.append(.newline)
                } else if pendingSpace && last != .newline
                            && (Self.needsSpace(last, first) || (afterRegularExpression && Self.isWordByte(first))) {
                    output.append(.space)
                }
            }
            afterRegularExpression = false
            pendingSpace = false
            pendingBreak = false
            output.append(contentsOf: token)
        }

        /// A space between `a` and `b` matters: words would join (`var x`),
        /// `+ +` and `- -` would become `++`/`--`, a slash followed by a
        /// slash or a star would start a comment, `1 .x` would become a number.
        static func needsSpace(_ a: UInt8, _ b: UInt8) -> Bool {
            if isWordByte(a) && isWordByte(b) { return true }
            if a == b && (a == .plus || a == .minus) { return true }
            if a == .slash && (b == .slash || b == .star) { return true }
            return b == .dot && isDigit(a)
        }

        /// Whether a `/` here opens a regular expression rather than divides:
        /// after an operator, an opening bracket or one of the keywords that
        /// take an expression, as jsmin and other minifiers decide. After `)`,
        /// `]` or `}` it is read as division; a regular expression starting a
        /// statement there would lose the spaces it holds (jsmin has the same limit).
        var regularExpressionMayStart: Bool {
            guard let last = output.last else { return true }
            if !lastWord.isEmpty {
                return Self.expressionKeywords.contains(Array(lastWord))
            }
            return !(last == .closeParen || last == .closeBracket || last == .closeBrace || Self.isWordByte(last) || last == .quote || last == .apostrophe || last == .backtick)
        }

        static let expressionKeywords: Set<[UInt8]> = Set(["return", "typeof", "case", "do", "else", "in", "instanceof", "new", "void", "delete", "throw", "yield", "await", "of"].map { Array($0.utf8) })

        mutating func copyRegularExpression() -> Bool {
            let start = index
            index += 1
            var inClass = false
            while index < input.count {
                let byte = input[index]
                switch byte {
                case .newline, .carriageReturn: return false
                case .backslash: index += 1
                case .openBracket: inClass = true
                case .closeBracket: inClass = false
                case .slash where !inClass:
                    index += 1
                    emit(input[start..<index])
                    lastWord = []
                    afterRegularExpression = true
                    return true
                default: break
                }
                index += 1
            }
            return false
        }

        /// A string (`'…'`, `"…"`) or a template literal without
        /// substitutions, copied as it is (a template literal's line breaks
        /// and indentation are part of its text).
        mutating func copyQuoted(closedBy quote: UInt8) -> Bool {
            let start = index
            index += 1
            while index < input.count {
                let byte = input[index]
                if byte == .backslash {
                    index += 2
                    continue
                }
                if quote == .backtick {
                    if byte == .dollar && next == .openBrace { return false }
                } else if byte == .newline || byte == .carriageReturn {
                    return false
                }
                index += 1
                if byte == quote {
                    emit(input[start..<index])
                    lastWord = []
                    return true
                }
            }
            return false
        }

        func find(_ a: UInt8, _ b: UInt8, from start: Int) -> Int? {
            var i = start
            while i + 1 < input.count {
                if input[i] == a && input[i + 1] == b { return i }
                i += 1
            }
            return nil
        }

        /// Letters, digits, `_`, `$`, `\` (escapes in names) and every non-ASCII byte.
        static func isWordByte(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || byte == .underscore || byte == .dollar || byte == .backslash || byte >= 0x80
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}

private extension UInt8 {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r"), formFeed: UInt8 = 0x0C, verticalTab: UInt8 = 0x0B
    static let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), backslash = UInt8(ascii: "\\")
    static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backtick = UInt8(ascii: "`")
    static let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
    static let dollar = UInt8(ascii: "$"), underscore = UInt8(ascii: "_")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]"), closeParen = UInt8(ascii: ")")
}
