/// A sanction, entity listing, embargo or advisory recorded on a country profile.
public struct Measure: Sendable, Hashable {
    public var authority: String
    public var measure: Located<String>
    public var date: PartialDate?
    public var url: String?
}
