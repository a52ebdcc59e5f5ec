/// One message libxml2 gave while parsing: where, how serious, and what.
struct XMLProblem: Sendable, Equatable {
    /// Whether the message ends the parse (the document is not well-formed).
    var fatal: Bool
    /// Whether libxml2 called it a warning.
    var warning: Bool
    /// libxml2's error code (`xmlParserErrors`).
    var code: Int32
    var message: String
    /// 1-based line and column, 0 when libxml2 gave none.
    var line: Int
    var column: Int
    /// The entity or name the message is about (libxml2's `str1`), when there is one.
    var subject: String?
}
