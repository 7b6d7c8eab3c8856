import Foundation

/// What a value a question gives means clinically: "BP 150/95" is high blood pressure,
/// "potassium 6.8" hyperkalaemia, "temp 39.2" fever. The finding (a MeSH descriptor) joins the
/// question as a related concept, so an answer can be about the problem the numbers show and
/// not only about the words around them. Thresholds are the usual adult reference limits in
/// conventional units (a glucose under 40 is read as mmol/L, a temperature over 50 as °F).
enum ValueFinding {
    /// A limit on one measure and the finding past it.
    struct Limit {
        /// The measure, as ``Qualifier/valueNames`` labels it ("blood pressure").
        let measure: String
        /// The finding when the value is at or above `above`…
        let above: Double?
        /// …or below `below`.
        let below: Double?
        /// The finding's MeSH descriptor.
        let descriptor: String
    }

    /// The limits, per measure.
    static let limits: [Limit] = [
        Limit(measure: "blood pressure", above: 140, below: nil, descriptor: "D006973"),    // Hypertension (systolic)
        Limit(measure: "blood pressure", above: nil, below: 90, descriptor: "D007022"),     // Hypotension
        Limit(measure: "potassium", above: 5.5, below: nil, descriptor: "D006947"),         // Hyperkalemia
        Limit(measure: "potassium", above: nil, below: 3.5, descriptor: "D007008"),         // Hypokalemia
        Limit(measure: "sodium", above: 146, below: nil, descriptor: "D006955"),            // Hypernatremia
        Limit(measure: "sodium", above: nil, below: 135, descriptor: "D007010"),            // Hyponatremia
        Limit(measure: "glucose", above: 200, below: nil, descriptor: "D006943"),           // Hyperglycemia (mg/dL)
        Limit(measure: "glucose", above: nil, below: 70, descriptor: "D007003"),            // Hypoglycemia (mg/dL)
        Limit(measure: "HbA1c", above: 6.5, below: nil, descriptor: "D006943"),             // Hyperglycemia
        Limit(measure: "temperature", above: 38, below: nil, descriptor: "D005334"),        // Fever (°C)
        Limit(measure: "temperature", above: nil, below: 35, descriptor: "D007035"),        // Hypothermia (°C)
        Limit(measure: "heart rate", above: 100, below: nil, descriptor: "D013610"),        // Tachycardia
        Limit(measure: "heart rate", above: nil, below: 50, descriptor: "D001919"),         // Bradycardia
        Limit(measure: "oxygen saturation", above: nil, below: 92, descriptor: "D000860"),  // Hypoxia
        Limit(measure: "platelet count", above: nil, below: 150, descriptor: "D013921"),    // Thrombocytopenia (×10⁹/L)
        Limit(measure: "BMI", above: 30, below: nil, descriptor: "D009765"),                // Obesity
        Limit(measure: "LDL cholesterol", above: 190, below: nil, descriptor: "D006937"),   // Hypercholesterolemia (mg/dL)
    ]

    /// The MeSH descriptors of the findings a question's values show, with the value that shows each.
    static func findings(_ qualifiers: [Qualifier]) -> [(descriptor: String, value: Qualifier)] {
        var result: [(String, Qualifier)] = []
        for qualifier in qualifiers where qualifier.kind == .value {
            guard let (measure, number) = reading(qualifier) else { continue }
            for limit in limits where limit.measure == measure {
                let value = normalized(number, measure: measure)
                if let above = limit.above, value >= above { result.append((limit.descriptor, qualifier)) }
                if let below = limit.below, value < below { result.append((limit.descriptor, qualifier)) }
            }
        }
        return result
    }

    /// The measure and number of a value qualifier ("blood pressure 150" → ("blood pressure", 150)).
    static func reading(_ qualifier: Qualifier) -> (measure: String, number: Double)? {
        guard let entry = Qualifier.valueNames.first(where: { qualifier.label.hasPrefix($0.label + " ") }) else { return nil }
        let rest = qualifier.label.dropFirst(entry.label.count + 1)
        let digits = rest.prefix { $0.isNumber || $0 == "." }
        return Double(digits).map { (entry.label, $0) }
    }

    /// The number in the limits' units: glucose under 40 is mmol/L, a temperature over 50 is °F,
    /// a platelet count over 2000 is per microlitre.
    static func normalized(_ number: Double, measure: String) -> Double {
        switch measure {
        case "glucose" where number < 40: number * 18
        case "temperature" where number > 50: (number - 32) * 5 / 9
        case "platelet count" where number > 2000: number / 1000
        case "LDL cholesterol" where number < 20: number * 38.67
        default: number
        }
    }
}
