import DiligenceSupport
import Foundation

/// WCAG 2.2 contrast between two sRGB colours written `#rgb` or `#rrggbb`:
/// (L1 + 0.05) / (L2 + 0.05) of their relative luminances.
package enum ColourContrast {
    /// Red, green and blue, 0–255; nil if `text` is not a hex colour.
    package static func rgb(_ text: String) -> (Int, Int, Int)? {
        guard text.hasPrefix("#") else { return nil }
        var hex = String(text.dropFirst())
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return nil }
        return ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
    }

    package static func luminance(_ colour: (Int, Int, Int)) -> Double {
        func channel(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055).pow(2.4)
        }
        return 0.2126 * channel(colour.0) + 0.7152 * channel(colour.1) + 0.0722 * channel(colour.2)
    }

    package static func ratio(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// The colour moved towards black (for light backgrounds) or white (for
    /// dark ones) just enough to reach `minimum` against every background:
    /// a suggestion that keeps the hue.
    package static func adjusted(_ colour: (Int, Int, Int), against backgrounds: [(Int, Int, Int)], minimum: Double,
                                 lighter: Bool) -> String {
        for step in 0...100 {
            let t = Double(step) / 100
            func mix(_ c: Int) -> Int { Int((Double(c) + ((lighter ? 255 : 0) - Double(c)) * t).rounded()) }
            let candidate = (mix(colour.0), mix(colour.1), mix(colour.2))
            if backgrounds.allSatisfy({ ratio(candidate, $0) >= minimum }) { return hex(candidate) }
        }
        return lighter ? "#ffffff" : "#000000"
    }

    package static func hex(_ colour: (Int, Int, Int)) -> String {
        func two(_ c: Int) -> String { let s = String(c, radix: 16); return s.count == 1 ? "0" + s : s }
        return "#" + two(colour.0) + two(colour.1) + two(colour.2)
    }
}

private extension Double {
    func pow(_ exponent: Double) -> Double { Foundation.pow(self, exponent) }
}
