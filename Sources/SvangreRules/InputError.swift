/// Why an assessment input was refused: a contract error code, the field at fault, and
/// enough detail to tell the user what to fix.
public struct InputError: Error, Hashable, Sendable {
  /// The contract's error codes; the raw values are API.
  public enum Code: String, Sendable, CaseIterable {
    case invalidJSON = "invalid_json"
    case missingField = "missing_field"
    case unknownField = "unknown_field"
    case invalidDate = "invalid_date"
    case invalidValue = "invalid_value"
    case unknownFinding = "unknown_finding"
    case datingOutOfRange = "dating_out_of_range"
    case invalidOverride = "invalid_override"
  }

  public var code: Code
  /// The path of the offending field (`dating.cycle_days`, `findings[3]`), nil for the
  /// input as a whole.
  public var field: String?
  /// The catalogue key of a more specific explanation, when there is one.
  public var detailKey: String?
  /// Values for the explanation's placeholders (the value given, the allowed range).
  public var arguments: [String: String]

  public init(
    _ code: Code, field: String? = nil, detailKey: String? = nil, arguments: [String: String] = [:]
  ) {
    self.code = code
    self.field = field
    self.detailKey = detailKey
    self.arguments = arguments
  }
}
