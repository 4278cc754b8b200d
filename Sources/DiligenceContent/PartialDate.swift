import DiligenceDiagnostics
import DiligenceSupport

/// A date as editors write it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. Sources are
/// often dated only by month or year, and a profile must not claim more
/// precision than its source has.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the three accepted forms, checking the month and the day in that month.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        let lengths = [4, 2, 2]
        var numbers: [Int] = []
        for (i, part) in parts.enumerated() {
            guard part.count == lengths[i], part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        year = numbers[0]
        month = numbers.count > 1 ? numbers[1] : nil
        day = numbers.count > 2 ? numbers[2] : nil
        if let month, !(1...12).contains(month) { return nil }
        if let month, let day, !(1...PartialDate.daysIn(month: month, year: year)).contains(day) { return nil }
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2023-03-30`, `2023-03` or `2023`, as written.
    public var description: String {
        var s = String(year)
        if let month { s += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { s += "-" + (day < 10 ? "0" : "") + String(day) }
        return s
    }

    /// For readers: "30 March 2023", "March 2023", "2023".
    public var readable: String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        guard let month else { return String(year) }
        let m = names[month - 1] + " " + String(year)
        guard let day else { return m }
        return String(day) + " " + m
    }

    /// Months between this date (missing parts count as the earliest) and `other`.
    public func months(until other: PartialDate) -> Int {
        var months = (other.year - year) * 12 + ((other.month ?? 1) - (month ?? 1))
        if (other.day ?? 1) < (day ?? 1) { months -= 1 }
        return months
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}
