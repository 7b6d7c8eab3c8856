extension String {
    /// Collapses every run of whitespace (spaces, tabs, newlines) to one space and trims the ends.
    public var collapsingWhitespace: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Nil when the string is empty after trimming, else the trimmed string.
    var nonEmpty: String? {
        let trimmed = collapsingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }
}
