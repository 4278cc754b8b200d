/// Why the output folder could not be written. Each case says what to do.
package enum PublishError: Error, CustomStringConvertible, Sendable {
    case notOurs(String)
    case overlapsSource(output: String, source: String)
    case notADirectory(String)
    case io(path: String, message: String)

    package var description: String {
        switch self {
        case .notOurs(let path):
            return "refusing to replace '\(path)': it is not empty and was not made by Diligence (no \(SitePublisher.markerName) file). Choose another --output folder, or empty it yourself"
        case .overlapsSource(let output, let source):
            return "refusing to write to '\(output)': it is or contains '\(source)', which would be destroyed. Choose an --output folder outside the content and templates"
        case .notADirectory(let path):
            return "'\(path)' exists and is not a folder. Choose another --output"
        case .io(let path, let message):
            return "cannot write '\(path)': \(message)"
        }
    }
}
