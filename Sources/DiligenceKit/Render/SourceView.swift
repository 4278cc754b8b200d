import Mustache

/// A cited source as templates show it.
public struct SourceView: Sendable {
    public var number: Int
    public var title: String
    public var publisher: String?
    public var date: String?
    public var url: String?

    init(_ source: Source, number: Int) {
        self.number = number
        self.title = source.title
        self.publisher = source.publisher
        self.date = source.date?.readable
        self.url = source.url
    }
}

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension SourceView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "title": return title
        case "publisher": return publisher
        case "date": return date
        case "url": return url
        default: return nil
        }
    }
}
