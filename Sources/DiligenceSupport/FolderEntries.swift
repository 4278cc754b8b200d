import Foundation

/// A folder's entries with the types `readdir` gives (`d_type`): files told
/// from folders without a `stat` per entry, which matters for folders of
/// 10,000 pages. `DT_UNKNOWN` (some file systems) is left to the caller.
package enum FolderEntries {
    /// The entries other than `.` and `..`, in `readdir` order; nil if the
    /// folder cannot be opened.
    package static func read(_ path: String) -> [(name: String, type: UInt8)]? {
        guard let handle = opendir(path) else { return nil }
        defer { closedir(handle) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { entries.append((name, entry.pointee.d_type)) }
        }
        return entries
    }
}
