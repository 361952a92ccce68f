/// JSON text from a `JSONValue`, through svangre's one writer (`JSONWriter`).
extension JSONValue {
  /// JSON text: compact, or indented by two spaces when `pretty`.
  public func serialized(pretty: Bool = false) -> String {
    var writer = JSONWriter(pretty: pretty)
    writer.value(self)
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}
