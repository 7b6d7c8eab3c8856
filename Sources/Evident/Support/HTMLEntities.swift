/// The HTML named character references that summaries and web pages use: the full HTML 4 set
/// (252 names: Latin-1, Greek, mathematical and typographic symbols) plus `&apos;`.
///
/// HTML named entities are not XML entities, so an XML parser leaves `&nbsp;` or `&beta;`
/// inside an attribute's HTML untouched; ``HTMLText`` decodes them with this table.
enum HTMLEntities {
    /// Entity name (case-sensitive, without `&` and `;`) to Unicode scalar value.
    static let named: [String: UInt32] = [
        "AElig": 0xC6, "Aacute": 0xC1, "Acirc": 0xC2, "Agrave": 0xC0, "Alpha": 0x391, "Aring": 0xC5, "Atilde": 0xC3,
        "Auml": 0xC4, "Beta": 0x392, "Ccedil": 0xC7, "Chi": 0x3A7, "Dagger": 0x2021, "Delta": 0x394, "ETH": 0xD0,
        "Eacute": 0xC9, "Ecirc": 0xCA, "Egrave": 0xC8, "Epsilon": 0x395, "Eta": 0x397, "Euml": 0xCB, "Gamma": 0x393,
        "Iacute": 0xCD, "Icirc": 0xCE, "Igrave": 0xCC, "Iota": 0x399, "Iuml": 0xCF, "Kappa": 0x39A, "Lambda": 0x39B,
        "Mu": 0x39C, "Ntilde": 0xD1, "Nu": 0x39D, "OElig": 0x152, "Oacute": 0xD3, "Ocirc": 0xD4, "Ograve": 0xD2,
        "Omega": 0x3A9, "Omicron": 0x39F, "Oslash": 0xD8, "Otilde": 0xD5, "Ouml": 0xD6, "Phi": 0x3A6, "Pi": 0x3A0,
        "Prime": 0x2033, "Psi": 0x3A8, "Rho": 0x3A1, "Scaron": 0x160, "Sigma": 0x3A3, "THORN": 0xDE, "Tau": 0x3A4,
        "Theta": 0x398, "Uacute": 0xDA, "Ucirc": 0xDB, "Ugrave": 0xD9, "Upsilon": 0x3A5, "Uuml": 0xDC, "Xi": 0x39E,
        "Yacute": 0xDD, "Yuml": 0x178, "Zeta": 0x396, "aacute": 0xE1, "acirc": 0xE2, "acute": 0xB4, "aelig": 0xE6,
        "agrave": 0xE0, "alefsym": 0x2135, "alpha": 0x3B1, "amp": 0x26, "and": 0x2227, "ang": 0x2220, "apos": 0x27,
        "aring": 0xE5, "asymp": 0x2248, "atilde": 0xE3, "auml": 0xE4, "bdquo": 0x201E, "beta": 0x3B2, "brvbar": 0xA6,
        "bull": 0x2022, "cap": 0x2229, "ccedil": 0xE7, "cedil": 0xB8, "cent": 0xA2, "chi": 0x3C7, "circ": 0x2C6,
        "clubs": 0x2663, "cong": 0x2245, "copy": 0xA9, "crarr": 0x21B5, "cup": 0x222A, "curren": 0xA4,
        "dArr": 0x21D3, "dagger": 0x2020, "darr": 0x2193, "deg": 0xB0, "delta": 0x3B4, "diams": 0x2666,
        "divide": 0xF7, "eacute": 0xE9, "ecirc": 0xEA, "egrave": 0xE8, "empty": 0x2205, "emsp": 0x2003,
        "ensp": 0x2002, "epsilon": 0x3B5, "equiv": 0x2261, "eta": 0x3B7, "eth": 0xF0, "euml": 0xEB, "euro": 0x20AC,
        "exist": 0x2203, "fnof": 0x192, "forall": 0x2200, "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE,
        "frasl": 0x2044, "gamma": 0x3B3, "ge": 0x2265, "gt": 0x3E, "hArr": 0x21D4, "harr": 0x2194, "hearts": 0x2665,
        "hellip": 0x2026, "iacute": 0xED, "icirc": 0xEE, "iexcl": 0xA1, "igrave": 0xEC, "image": 0x2111,
        "infin": 0x221E, "int": 0x222B, "iota": 0x3B9, "iquest": 0xBF, "isin": 0x2208, "iuml": 0xEF, "kappa": 0x3BA,
        "lArr": 0x21D0, "lambda": 0x3BB, "lang": 0x2329, "laquo": 0xAB, "larr": 0x2190, "lceil": 0x2308,
        "ldquo": 0x201C, "le": 0x2264, "lfloor": 0x230A, "lowast": 0x2217, "loz": 0x25CA, "lrm": 0x200E,
        "lsaquo": 0x2039, "lsquo": 0x2018, "lt": 0x3C, "macr": 0xAF, "mdash": 0x2014, "micro": 0xB5, "middot": 0xB7,
        "minus": 0x2212, "mu": 0x3BC, "nabla": 0x2207, "nbsp": 0xA0, "ndash": 0x2013, "ne": 0x2260, "ni": 0x220B,
        "not": 0xAC, "notin": 0x2209, "nsub": 0x2284, "ntilde": 0xF1, "nu": 0x3BD, "oacute": 0xF3, "ocirc": 0xF4,
        "oelig": 0x153, "ograve": 0xF2, "oline": 0x203E, "omega": 0x3C9, "omicron": 0x3BF, "oplus": 0x2295,
        "or": 0x2228, "ordf": 0xAA, "ordm": 0xBA, "oslash": 0xF8, "otilde": 0xF5, "otimes": 0x2297, "ouml": 0xF6,
        "para": 0xB6, "part": 0x2202, "permil": 0x2030, "perp": 0x22A5, "phi": 0x3C6, "pi": 0x3C0, "piv": 0x3D6,
        "plusmn": 0xB1, "pound": 0xA3, "prime": 0x2032, "prod": 0x220F, "prop": 0x221D, "psi": 0x3C8, "quot": 0x22,
        "rArr": 0x21D2, "radic": 0x221A, "rang": 0x232A, "raquo": 0xBB, "rarr": 0x2192, "rceil": 0x2309,
        "rdquo": 0x201D, "real": 0x211C, "reg": 0xAE, "rfloor": 0x230B, "rho": 0x3C1, "rlm": 0x200F,
        "rsaquo": 0x203A, "rsquo": 0x2019, "sbquo": 0x201A, "scaron": 0x161, "sdot": 0x22C5, "sect": 0xA7,
        "shy": 0xAD, "sigma": 0x3C3, "sigmaf": 0x3C2, "sim": 0x223C, "spades": 0x2660, "sub": 0x2282, "sube": 0x2286,
        "sum": 0x2211, "sup": 0x2283, "sup1": 0xB9, "sup2": 0xB2, "sup3": 0xB3, "supe": 0x2287, "szlig": 0xDF,
        "tau": 0x3C4, "there4": 0x2234, "theta": 0x3B8, "thetasym": 0x3D1, "thinsp": 0x2009, "thorn": 0xFE,
        "tilde": 0x2DC, "times": 0xD7, "trade": 0x2122, "uArr": 0x21D1, "uacute": 0xFA, "uarr": 0x2191,
        "ucirc": 0xFB, "ugrave": 0xF9, "uml": 0xA8, "upsih": 0x3D2, "upsilon": 0x3C5, "uuml": 0xFC, "weierp": 0x2118,
        "xi": 0x3BE, "yacute": 0xFD, "yen": 0xA5, "yuml": 0xFF, "zeta": 0x3B6, "zwj": 0x200D, "zwnj": 0x200C,
    ]

    /// Numeric references in 128...159 name Windows-1252 characters (as browsers read them).
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]
}

extension HTMLEntities {
    /// Decodes the character references in UTF-8 `bytes` (`&name;`, `&#8211;`, `&#x2013;`).
    ///
    /// An unknown name is kept as written and reported; a numeric reference to no character
    /// (zero, a surrogate, beyond U+10FFFF) becomes U+FFFD and is reported. An `&` that starts
    /// no reference (`AT&T`, a URL's `&db=`) is plain text.
    static func decode(_ bytes: ArraySlice<UInt8>, problems: inout [HTMLProblem]) -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x26, let (scalar, length) = reference(in: bytes, at: index, problems: &problems) else {
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
            index += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character a reference starting at `start` (an `&`) stands for, and its length in
    /// bytes; nil when the `&` starts no reference or names an unknown entity.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int, problems: inout [HTMLProblem]) -> (Unicode.Scalar, Int)? {
        var cursor = start + 1
        guard cursor < bytes.endIndex else { return nil }
        if bytes[cursor] == 0x23 {  // '#'
            cursor += 1
            var radix: UInt32 = 10
            if cursor < bytes.endIndex, bytes[cursor] | 0x20 == 0x78 { radix = 16; cursor += 1 }  // 'x' or 'X'
            var value: UInt32 = 0
            var digits = 0
            let maximumDigits = radix == 16 ? 8 : 9  // both fit in UInt32
            while cursor < bytes.endIndex, digits < maximumDigits, let digit = digitValue(bytes[cursor], radix: radix) {
                value = value &* radix &+ digit
                digits += 1
                cursor += 1
            }
            guard digits > 0, cursor < bytes.endIndex, bytes[cursor] == 0x3B else { return nil }  // ';'
            let written = String(decoding: bytes[start...cursor], as: UTF8.self)
            if let mapped = windows1252[value] { value = mapped }
            guard value != 0, let scalar = Unicode.Scalar(value) else {
                problems.append(HTMLProblem(.invalidCharacterReference, written))
                return ("\u{FFFD}", cursor - start + 1)
            }
            return (scalar, cursor - start + 1)
        }
        while cursor < bytes.endIndex, cursor - start <= 32, isAlphanumeric(bytes[cursor]) { cursor += 1 }
        guard cursor > start + 1, cursor < bytes.endIndex, bytes[cursor] == 0x3B else { return nil }
        let name = String(decoding: bytes[(start + 1)..<cursor], as: UTF8.self)
        guard let value = named[name], let scalar = Unicode.Scalar(value) else {
            problems.append(HTMLProblem(.unknownEntity, "&\(name);"))
            return nil
        }
        return (scalar, cursor - start + 1)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46 where radix == 16: UInt32(byte - 0x41 + 10)
        case 0x61...0x66 where radix == 16: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
