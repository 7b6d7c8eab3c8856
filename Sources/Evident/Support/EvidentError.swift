/// A problem with an input the user gave (a file, a table, a library state), as one sentence
/// naming what and where.
public struct EvidentError: Error, CustomStringConvertible, Sendable {
    public var description: String

    /// Creates an error with its message.
    public init(_ description: String) { self.description = description }
}
