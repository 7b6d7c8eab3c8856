/// What kind of thing a concept is, from the top-level MeSH tree categories it sits in (a
/// supplementary concept takes the categories of the descriptors it maps to), plus a few
/// finer traits that decide whether a concept can be what a question is about.
public struct ConceptCategories: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    /// Creates a set from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let anatomy = Self(rawValue: 1 << 0)          // A
    public static let organism = Self(rawValue: 1 << 1)         // B
    public static let disease = Self(rawValue: 1 << 2)          // C
    public static let chemical = Self(rawValue: 1 << 3)         // D: chemicals and drugs
    public static let procedure = Self(rawValue: 1 << 4)        // E: techniques and equipment
    public static let psychology = Self(rawValue: 1 << 5)       // F
    public static let phenomenon = Self(rawValue: 1 << 6)       // G: processes (pregnancy, physiology)
    public static let discipline = Self(rawValue: 1 << 7)       // H
    public static let society = Self(rawValue: 1 << 8)          // I: anthropology, education, sociology
    public static let technology = Self(rawValue: 1 << 9)       // J: technology, industry, agriculture
    public static let humanities = Self(rawValue: 1 << 10)      // K
    public static let information = Self(rawValue: 1 << 11)     // L
    public static let persons = Self(rawValue: 1 << 12)         // M: named groups (children, aged)
    public static let healthCare = Self(rawValue: 1 << 13)      // N
    public static let publication = Self(rawValue: 1 << 14)     // V
    public static let geographic = Self(rawValue: 1 << 15)      // Z
    /// Only under "Disease Attributes" (C23.550.291: acute, chronic, recurrence, progression):
    /// says something about a disease, never the disease itself.
    public static let diseaseAttribute = Self(rawValue: 1 << 16)
    /// Only under "Pharmacologic Actions" (D27) or "Dosage Forms" (D26): a class of drugs
    /// ("Anti-Bacterial Agents") or a form ("Tablets"), never a particular drug.
    public static let drugClass = Self(rawValue: 1 << 17)
    /// A name from the library itself (a page's subject, a guideline's condition).
    public static let libraryName = Self(rawValue: 1 << 18)
    /// A MeSH descriptor (not a supplementary concept): ranks first when names collide.
    public static let descriptor = Self(rawValue: 1 << 19)

    /// The categories that make a concept medical; a question whose concepts are all outside
    /// them (geography, commerce, humanities, …) is not a medical question.
    public static let medical: Self = [.anatomy, .organism, .disease, .chemical, .procedure, .psychology, .phenomenon, .healthCare, .libraryName]

    /// True when the concept is medical (see ``medical``).
    public var isMedical: Bool { !isDisjoint(with: Self.medical) }

    /// True for a drug or another chemical that is not also a disease (a poisoning is a disease).
    public var isDrug: Bool { contains(.chemical) && !contains(.disease) }

    /// The categories of a list of MeSH tree numbers ("C11.338.250", "D27.505.954").
    public static func fromTreeNumbers<S: Sequence>(_ treeNumbers: S) -> Self where S.Element: StringProtocol {
        var result: Self = []
        var allAttribute = true, allClass = true, any = false
        for tree in treeNumbers {
            guard let letter = tree.utf8.first else { continue }
            any = true
            switch letter {
            case UInt8(ascii: "A"): result.insert(.anatomy)
            // Plants (B01.650: trees, fruit, crops) are gardening's and farming's, not medicine's;
            // a plant used as a medicine is also a chemical (D).
            case UInt8(ascii: "B"): if !tree.hasPrefix("B01.650") { result.insert(.organism) }
            case UInt8(ascii: "C"): result.insert(.disease)
            case UInt8(ascii: "D"): result.insert(.chemical)
            case UInt8(ascii: "E"): result.insert(.procedure)
            case UInt8(ascii: "F"): result.insert(.psychology)
            case UInt8(ascii: "G"): result.insert(.phenomenon)
            // Health occupations (H02: medicine's specialties, acupuncture, nursing) are health care.
            case UInt8(ascii: "H"): result.insert(tree.hasPrefix("H02") ? .healthCare : .discipline)
            case UInt8(ascii: "I"): result.insert(.society)
            case UInt8(ascii: "J"): result.insert(.technology)
            case UInt8(ascii: "K"): result.insert(.humanities)
            case UInt8(ascii: "L"): result.insert(.information)
            case UInt8(ascii: "M"): result.insert(.persons)
            case UInt8(ascii: "N"): result.insert(.healthCare)
            case UInt8(ascii: "V"): result.insert(.publication)
            case UInt8(ascii: "Z"): result.insert(.geographic)
            default: break
            }
            if !tree.hasPrefix("C23.550.291") { allAttribute = false }
            // Pharmacologic actions (D27) and dosage forms (D26: tablets, injections) are classes, not drugs.
            if !tree.hasPrefix("D27") && !tree.hasPrefix("D26") { allClass = false }
        }
        if any && allAttribute { result.insert(.diseaseAttribute) }
        if any && allClass { result.insert(.drugClass) }
        return result
    }
}
