import Foundation

// Reading and writing the contract's input object. Every refusal names the field and
// says what is allowed, because a typo must never silently drop a criterion.

extension AssessmentInput {
  static let topLevelFields: Set<String> = [
    "reference_date", "parity", "dating", "bmi", "findings", "override", "attendance", "birth",
  ]
  static let datingFields: Set<String> = ["due_date", "lmp", "cycle_days", "scan_date", "scan_ga"]
  static let overrideFields: Set<String> = ["level", "reason"]
  static let attendanceFields: Set<String> = ["since", "done"]
  static let attendedItemFields: Set<String> = ["id", "date"]
  static let birthFields: Set<String> = [
    "date", "place", "discharge_hours", "traumatic", "child_loss",
  ]

  /// Parses and validates contract JSON against the rule set's finding catalogue. Input
  /// over `InputLimits.assessmentBytes`, and JSON that gives a key twice in one object
  /// (the parser would keep one of the two silently), is `invalid_json`.
  public static func parse(_ data: Data, ruleSet: RuleSet) throws(InputError) -> AssessmentInput {
    guard data.count <= InputLimits.assessmentBytes else {
      throw InputError(
        .invalidJSON, detailKey: "error.invalid_json.too_large",
        arguments: ["limit": InputLimits.describe(bytes: InputLimits.assessmentBytes)])
    }
    guard let json = JSONValue.parse(data) else { throw InputError(.invalidJSON) }
    if let path = DuplicateKeys.first(in: data) {
      throw InputError(
        .invalidJSON, field: path, detailKey: "error.invalid_json.duplicate_key", arguments: ["path": path])
    }
    return try AssessmentInput(json: json, ruleSet: ruleSet)
  }

  /// Validates an already parsed JSON value (an object with the contract's fields).
  public init(json: JSONValue, ruleSet: RuleSet) throws(InputError) {
    guard let root = json.members else {
      throw InputError(.invalidJSON, detailKey: "error.invalid_json.not_object")
    }
    try Self.refuseUnknownFields(root, allowed: Self.topLevelFields, prefix: "")

    referenceDate = try Self.date(root["reference_date"], field: "reference_date", required: true)!

    guard let parityValue = Self.present(root["parity"]) else {
      throw InputError(.missingField, field: "parity")
    }
    guard case .string(let parityText) = parityValue, let parity = Parity(rawValue: parityText) else {
      throw InputError(
        .invalidValue, field: "parity", detailKey: "error.invalid_value.parity",
        arguments: ["value": parityValue.shortDescription])
    }
    self.parity = parity

    dating = try Self.dating(root["dating"])

    if let bmiValue = Self.present(root["bmi"]) {
      guard case .number(let bmi) = bmiValue else {
        throw InputError(
          .invalidValue, field: "bmi", detailKey: "error.invalid_value.bmi",
          arguments: ["value": bmiValue.shortDescription])
      }
      self.bmi = bmi
    } else {
      bmi = nil
    }

    findings = try Self.findings(root["findings"], ruleSet: ruleSet)
    override = try Self.override(root["override"])
    attendance = try Self.attendance(root["attendance"])
    birth = try Self.birth(root["birth"])
    try validate(against: ruleSet)
    try validateNearReference()
  }

  /// The contract's input object for this input, as stored with a visitation: its keys
  /// in order, as the object reads back from the file.
  public var json: JSONValue {
    var root: [String: JSONValue] = [
      "reference_date": .string(referenceDate.iso),
      "parity": .string(parity.rawValue),
    ]
    var datingObject: [String: JSONValue] = [:]
    if let dueDate = dating.dueDate { datingObject["due_date"] = .string(dueDate.iso) }
    if let lastPeriod = dating.lastPeriod { datingObject["lmp"] = .string(lastPeriod.iso) }
    if let cycleDays = dating.cycleDays { datingObject["cycle_days"] = .number(Double(cycleDays)) }
    if let scanDate = dating.scanDate { datingObject["scan_date"] = .string(scanDate.iso) }
    if let scanAge = dating.scanAge { datingObject["scan_ga"] = .string(scanAge.description) }
    root["dating"] = .sortedObject(datingObject)
    if let bmi { root["bmi"] = .number(bmi) }
    if !findings.isEmpty { root["findings"] = .array(findings.map { .string($0) }) }
    if let override {
      root["override"] = .sortedObject([
        "level": .number(Double(override.level)), "reason": .string(override.reason),
      ])
    }
    if let attendance {
      root["attendance"] = .sortedObject([
        "since": .string(attendance.since.iso),
        "done": .array(
          attendance.done.map { .sortedObject(["id": .string($0.id), "date": .string($0.date.iso)]) }),
      ])
    }
    if let birth {
      var birthObject: [String: JSONValue] = [
        "date": .string(birth.date.iso), "place": .string(birth.place.rawValue),
        "traumatic": .bool(birth.traumatic), "child_loss": .bool(birth.childLoss),
      ]
      if let hours = birth.dischargeHours { birthObject["discharge_hours"] = .number(hours) }
      root["birth"] = .sortedObject(birthObject)
    }
    return .sortedObject(root)
  }

  // MARK: - Fields

  /// A value that counts as given: JSON `null` is treated like an absent optional field.
  private static func present(_ value: JSONValue?) -> JSONValue? {
    if let value, value != .null { return value }
    return nil
  }

  private static func refuseUnknownFields(
    _ object: [String: JSONValue], allowed: Set<String>, prefix: String
  ) throws(InputError) {
    // Sorted so that the same input always names the same field.
    if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
      throw InputError(
        .unknownField, field: prefix + unknown,
        arguments: ["allowed": allowed.sorted().joined(separator: ", ")])
    }
  }

  private static func date(_ value: JSONValue?, field: String, required: Bool) throws(InputError)
    -> CalendarDate?
  {
    guard let value = present(value) else {
      if required { throw InputError(.missingField, field: field) }
      return nil
    }
    guard case .string(let text) = value, let date = CalendarDate(iso: text) else {
      throw InputError(.invalidDate, field: field, arguments: ["value": value.shortDescription])
    }
    return date
  }

  private static func wholeNumber(_ value: JSONValue) -> Int? {
    guard case .number(let number) = value, number.rounded() == number, abs(number) < 1e9 else {
      return nil
    }
    return Int(number)
  }

  private static func dating(_ value: JSONValue?) throws(InputError) -> Dating {
    guard let value = present(value) else { throw InputError(.missingField, field: "dating") }
    guard let object = value.members else {
      throw InputError(.invalidValue, field: "dating", detailKey: "error.invalid_value.dating")
    }
    try refuseUnknownFields(object, allowed: datingFields, prefix: "dating.")
    var dating = Dating()
    dating.dueDate = try date(object["due_date"], field: "dating.due_date", required: false)
    dating.lastPeriod = try date(object["lmp"], field: "dating.lmp", required: false)
    if let cycleValue = present(object["cycle_days"]) {
      guard let cycle = wholeNumber(cycleValue) else {
        throw InputError(
          .invalidValue, field: "dating.cycle_days", detailKey: "error.invalid_value.cycle_days",
          arguments: ["value": cycleValue.shortDescription])
      }
      dating.cycleDays = cycle
    }
    dating.scanDate = try date(object["scan_date"], field: "dating.scan_date", required: false)
    if let ageValue = present(object["scan_ga"]) {
      guard case .string(let text) = ageValue, let age = GestationalAge(parsing: text) else {
        throw InputError(
          .invalidValue, field: "dating.scan_ga", detailKey: "error.invalid_value.scan_ga",
          arguments: ["value": ageValue.shortDescription])
      }
      dating.scanAge = age
    }
    return dating
  }

  private static func findings(_ value: JSONValue?, ruleSet: RuleSet) throws(InputError) -> [String] {
    guard let value = present(value) else { return [] }
    guard case .array(let items) = value else {
      throw InputError(.invalidValue, field: "findings", detailKey: "error.invalid_value.findings")
    }
    var ids: [String] = []
    var seen: Set<String> = []
    for (index, item) in items.enumerated() {
      guard case .string(let id) = item, ruleSet.finding(id) != nil else {
        throw InputError(
          .unknownFinding, field: "findings[\(index)]", arguments: ["value": item.shortDescription])
      }
      if seen.insert(id).inserted { ids.append(id) }
    }
    return ids
  }

  private static func override(_ value: JSONValue?) throws(InputError) -> LevelOverride? {
    guard let value = present(value) else { return nil }
    guard let object = value.members else {
      throw InputError(.invalidOverride, field: "override", detailKey: "error.invalid_override.shape")
    }
    try refuseUnknownFields(object, allowed: overrideFields, prefix: "override.")
    guard let levelValue = present(object["level"]), let level = wholeNumber(levelValue) else {
      throw InputError(
        .invalidOverride, field: "override.level", detailKey: "error.invalid_override.level",
        arguments: ["value": object["level"]?.shortDescription ?? "–"])
    }
    guard case .string(let reason) = object["reason"] else {
      throw InputError(
        .invalidOverride, field: "override.reason", detailKey: "error.invalid_override.reason")
    }
    return LevelOverride(level: level, reason: reason)
  }

  private static func attendance(_ value: JSONValue?) throws(InputError) -> Attendance? {
    guard let value = present(value) else { return nil }
    guard let object = value.members else {
      throw InputError(.invalidValue, field: "attendance", detailKey: "error.invalid_value.attendance")
    }
    try refuseUnknownFields(object, allowed: attendanceFields, prefix: "attendance.")
    let since = try date(object["since"], field: "attendance.since", required: true)!
    var done: [AttendedItem] = []
    if let doneValue = present(object["done"]) {
      guard case .array(let items) = doneValue else {
        throw InputError(.invalidValue, field: "attendance.done", detailKey: "error.invalid_value.attendance")
      }
      for (index, item) in items.enumerated() {
        let field = "attendance.done[\(index)]"
        guard let entry = item.members else {
          throw InputError(.invalidValue, field: field, detailKey: "error.invalid_value.attendance")
        }
        try refuseUnknownFields(entry, allowed: attendedItemFields, prefix: field + ".")
        guard let idValue = present(entry["id"]) else { throw InputError(.missingField, field: field + ".id") }
        guard case .string(let id) = idValue else {
          throw InputError(
            .invalidValue, field: field + ".id", detailKey: "error.invalid_value.attendance_item",
            arguments: ["value": idValue.shortDescription])
        }
        let day = try date(entry["date"], field: field + ".date", required: true)!
        done.append(AttendedItem(id: id, date: day))
      }
    }
    return Attendance(since: since, done: done)
  }

  private static func birth(_ value: JSONValue?) throws(InputError) -> Birth? {
    guard let value = present(value) else { return nil }
    guard let object = value.members else {
      throw InputError(.invalidValue, field: "birth", detailKey: "error.invalid_value.birth")
    }
    try refuseUnknownFields(object, allowed: birthFields, prefix: "birth.")
    let birthDate = try date(object["date"], field: "birth.date", required: true)!
    guard let placeValue = present(object["place"]) else {
      throw InputError(.missingField, field: "birth.place")
    }
    guard case .string(let placeText) = placeValue, let place = BirthPlace(rawValue: placeText) else {
      throw InputError(
        .invalidValue, field: "birth.place", detailKey: "error.invalid_value.place",
        arguments: ["value": placeValue.shortDescription])
    }
    var hours: Double?
    if let hoursValue = present(object["discharge_hours"]) {
      guard case .number(let number) = hoursValue else {
        throw InputError(
          .invalidValue, field: "birth.discharge_hours",
          detailKey: "error.invalid_value.discharge_hours",
          arguments: ["value": hoursValue.shortDescription])
      }
      hours = number
    }
    func flag(_ name: String) throws(InputError) -> Bool {
      guard let flagValue = present(object[name]) else { return false }
      guard case .bool(let flag) = flagValue else {
        throw InputError(
          .invalidValue, field: "birth.\(name)", detailKey: "error.invalid_value.boolean",
          arguments: ["value": flagValue.shortDescription])
      }
      return flag
    }
    return Birth(
      date: birthDate, place: place, dischargeHours: place == .home ? nil : hours,
      traumatic: try flag("traumatic"), childLoss: try flag("child_loss"))
  }
}

extension JSONValue {
  /// The value as the user wrote it, cut short, for quoting in a message.
  var shortDescription: String {
    let text: String
    switch self {
    case .null: text = "null"
    case .bool(let value): text = String(value)
    case .int(let value): text = String(value)
    case .number(let value):
      text = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    case .string(let value): text = "\"\(value)\""
    case .array: text = "[…]"
    case .object: text = "{…}"
    }
    return text.count > 40 ? String(text.prefix(39)) + "…" : text
  }
}
