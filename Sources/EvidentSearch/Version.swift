public enum EvidentSearchVersion { public static let value = "0.1.0" }
