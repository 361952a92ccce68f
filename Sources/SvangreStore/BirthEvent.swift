import Foundation
import SvangreRules

/// The birth, as far as the record keeps it. Stored as `{"date": "YYYY-MM-DD", "place":
/// "home" | "hospital", "discharge_hours", "traumatic", "child_loss"}`; a date or place
/// that does not read makes the entry (and so the record file) damaged.
public struct BirthEvent: Codable, Sendable, Equatable {
  public var date: CalendarDate
  public var place: BirthPlace
  public var dischargeHours: Double?
  public var traumatic: Bool
  public var childLoss: Bool

  public init(date: CalendarDate, place: BirthPlace, dischargeHours: Double?, traumatic: Bool, childLoss: Bool) {
    self.date = date
    self.place = place
    self.dischargeHours = dischargeHours
    self.traumatic = traumatic
    self.childLoss = childLoss
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case date, place
    case dischargeHours = "discharge_hours"
    case traumatic
    case childLoss = "child_loss"
  }

  /// The birth the rules take (`AssessmentInput.birth`).
  public var rules: Birth {
    Birth(date: date, place: place, dischargeHours: dischargeHours, traumatic: traumatic, childLoss: childLoss)
  }

  /// The birth as the rules gave it (the TUI's form).
  public init(_ birth: Birth) {
    self.init(
      date: birth.date, place: birth.place, dischargeHours: birth.dischargeHours, traumatic: birth.traumatic,
      childLoss: birth.childLoss)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let dateText = try container.decode(String.self, forKey: .date)
    guard let date = CalendarDate(iso: dateText) else {
      throw DecodingError.dataCorruptedError(forKey: .date, in: container, debugDescription: "not YYYY-MM-DD")
    }
    self.date = date
    place = try container.decode(BirthPlace.self, forKey: .place)
    dischargeHours = try container.decodeIfPresent(Double.self, forKey: .dischargeHours)
    traumatic = try container.decode(Bool.self, forKey: .traumatic)
    childLoss = try container.decode(Bool.self, forKey: .childLoss)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(date.iso, forKey: .date)
    try container.encode(place, forKey: .place)
    try container.encode(dischargeHours, forKey: .dischargeHours)
    try container.encode(traumatic, forKey: .traumatic)
    try container.encode(childLoss, forKey: .childLoss)
  }
}
