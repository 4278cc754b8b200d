import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// Where the executor writes (`BuildPlan.Sink`): a staging folder swapped in
/// at the end, or the output folder itself, file by file.
struct OutputSink: Sendable {
    private enum Target: Sendable {
        case staging(SitePublisher, SitePublisher.Staging)
        case inPlace(InPlaceWriter)
    }

    private let target: Target
    /// The folder of this sink's files inside the output ("" or "fr/"):
    /// the languages of a site share one staging folder.
    private(set) var prefix = ""

    /// The same sink, writing under `folder` ("fr/").
    func prefixed(_ folder: String) -> OutputSink {
        var sink = self
        sink.prefix = folder
        return sink
    }

    init(_ sink: BuildPlan.Sink, output: String, protected: [String], fileSystem: FileSystem) throws(PublishError) {
        switch sink {
        case .staging:
            var publisher = SitePublisher(output: output, protected: protected)
            publisher.fileSystem = fileSystem
            target = .staging(publisher, try publisher.begin())
        case .inPlace:
            target = .inPlace(InPlaceWriter(root: output, fileSystem: fileSystem))
        }
    }

    /// Where the file at `path` (relative to the output) is written.
    func location(of path: String) -> String {
        switch target {
        case .staging(_, let staging): staging.path + "/" + prefix + path
        case .inPlace(let writer): writer.root + "/" + prefix + path
        }
    }

    /// Writes a file (from any thread); in place, only if its bytes changed.
    func write(_ file: OutputFile) {
        let file = placed(file)
        switch target {
        case .staging(_, let staging): staging.write(file)
        case .inPlace(let writer): writer.write(file)
        }
    }

    /// Writes a search-index file; in place, over the old one (`InPlaceWriter.overwrite`).
    func overwrite(_ file: OutputFile, compare: Bool) {
        let file = placed(file)
        switch target {
        case .staging(_, let staging): staging.write(file)
        case .inPlace(let writer): writer.overwrite(file, compare: compare)
        }
    }

    /// Removes an output the build no longer produces (a new staging folder has none).
    func remove(_ path: String) {
        if case .inPlace(let writer) = target { writer.remove(prefix + path) }
    }

    private func placed(_ file: OutputFile) -> OutputFile {
        guard !prefix.isEmpty else { return file }
        var file = file
        file.path = prefix + file.path
        return file
    }

    /// Gives up: a staging folder is deleted, the output left as it was.
    func abandon() {
        if case .staging(let publisher, let staging) = target { publisher.abandon(staging) }
    }

    /// Puts what was written in place; returns the bytes and files written.
    /// On any write error a staging folder is deleted and the output kept.
    func commit() throws(PublishError) -> (bytes: Int, files: Int) {
        switch target {
        case .staging(let publisher, let staging):
            let bytes = try publisher.commit(staging)
            return (bytes, staging.filesWritten)
        case .inPlace(let writer):
            if let error = writer.firstError { throw error }
            return (writer.bytesWritten, writer.writtenPaths.count)
        }
    }
}
