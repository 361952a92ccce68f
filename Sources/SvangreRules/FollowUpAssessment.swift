/// The answer for a pregnancy that is being followed (a saved record) on one day.
///
/// The contract refuses a reference date past 44+0 before the birth (`dating_out_of_range`),
/// because no pregnancy lasts that long: on such a day the birth has happened but has not
/// been recorded. For a woman already in care that is not a reason to show nothing: she is
/// assessed on the last day that can be assessed, so her level, birth places and offers
/// stay visible, and `birthNotRecorded` asks for the birth.
public struct FollowUpAssessment: Hashable, Sendable {
  /// The answer on the reference date, or on 44+0 when `birthNotRecorded`.
  public var assessment: Assessment
  /// The pregnancy is past 44+0 and no birth is recorded: record the birth.
  public var birthNotRecorded: Bool
  /// The day `assessment` is for: the reference date, or the day she reached 44+0.
  public var assessedOn: CalendarDate
  /// Gestational age on the reference date itself (past 44+0 when `birthNotRecorded`).
  public var gestationalAge: GestationalAge
}

extension AssessmentEngine {
  /// Like `assess`, for a woman already in care: past 44+0 with no birth she is assessed on
  /// the day she reached 44+0 and the answer says the birth is not recorded. Every other
  /// refusal is `assess`'s.
  ///
  /// `known` is what the record knows of her attendance (her visitations' clinical dates,
  /// the items recorded done): when there is any, the attendance assessed is the one
  /// `attendance(for:known:)` combines, so items come out `done` or `missed`; else the
  /// input's own `attendance` stands.
  public func assessFollowUp(_ input: AssessmentInput, known: KnownAttendance = KnownAttendance()) throws(InputError)
    -> FollowUpAssessment
  {
    var day = input
    var birthNotRecorded = false
    var age: GestationalAge?
    if input.birth == nil, let (dueDate, _) = Self.dueDate(for: input.dating) {
      let ageToday = GestationalAge(on: input.referenceDate, dueDate: dueDate)
      if ageToday > Self.maximumGestationalAge {
        day.referenceDate = Self.maximumGestationalAge.date(dueDate: dueDate)
        birthNotRecorded = true
        age = ageToday
      }
    }
    if !known.isEmpty { day.attendance = attendance(for: day, known: known) ?? day.attendance }
    let assessment = try assess(day)
    return FollowUpAssessment(
      assessment: assessment, birthNotRecorded: birthNotRecorded, assessedOn: day.referenceDate,
      gestationalAge: age ?? assessment.gestationalAge)
  }

  /// `assessFollowUp` with her visitations' dates only (nothing recorded item by item).
  public func assessFollowUp(_ input: AssessmentInput, consultations: [CalendarDate]) throws(InputError)
    -> FollowUpAssessment
  {
    try assessFollowUp(input, known: KnownAttendance(consultations: consultations))
  }
}
