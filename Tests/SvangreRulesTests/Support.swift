import Foundation
import SvangreResources
import Testing

@testable import SvangreRules

/// Assesses contract JSON with the bundled rule set, as `svangre assess` would.
func assess(_ json: String) throws -> Assessment {
  let input = try AssessmentInput.parse(Data(json.utf8), ruleSet: .bundled)
  return try AssessmentEngine().assess(input)
}

/// The contract error code for an input that must be refused, or nil if it was accepted.
func refusal(_ json: String) -> InputError? {
  do {
    _ = try assess(json)
    return nil
  } catch let error as InputError {
    return error
  } catch {
    Issue.record("unexpected error \(error)")
    return nil
  }
}

func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

extension Assessment {
  func item(_ id: String) -> ScheduledItem? { schedule.first { $0.id == id } }
  func contact(_ id: String) -> ScheduledItem? { postnatal.first { $0.id == id } }
  func place(_ site: String) -> BirthplaceVerdict? { birthplaces.first { $0.site == site } }
  var reasonIDs: [String] { reasons.map(\.id) }
  var offerIDs: [String] { offers.map(\.id) }
}

/// A woman due 2027-05-20 (LMP 2026-08-13) seen on `on`, with extra JSON members.
func dueMay20(on reference: String = "2026-11-23", parity: String = "nulliparous", _ extra: String = "")
  -> String
{
  """
  {"reference_date": "\(reference)", "parity": "\(parity)", "dating": {"due_date": "2027-05-20"}\(extra.isEmpty ? "" : ", " + extra)}
  """
}
