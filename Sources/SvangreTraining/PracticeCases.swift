import SvangreRules

/// A small deterministic random generator (SplitMix64): the same seed gives a trainer
/// the same cases on every machine, so a session can be prepared and repeated.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One practice case: a woman's situation, and the rules' answer to check against.
public struct PracticeCase: Sendable {
  public let number: Int
  public let input: AssessmentInput
  public let assessment: Assessment
}

/// Makes plausible practice cases from a rule set's own catalogue.
///
/// No clinical knowledge lives here: the answer to every case is the engine's. The
/// generator only keeps a case believable — a first-time mother has no obstetric history,
/// and a finding appears only when the rule set says it can have been made by then
/// (`Finding.plausible`: no pre-eclampsia before 20+0) — and mixes plain level-1 women
/// with one to three findings, as a clinic does.
public struct PracticeCaseGenerator: Sendable {
  public let engine: AssessmentEngine
  public let today: CalendarDate
  private var random: SeededRandom
  private var count = 0

  /// The domain a woman who has never given birth cannot have findings in.
  static let historyDomain = "obstetric_history"

  public init(engine: AssessmentEngine, seed: UInt64, today: CalendarDate) {
    self.engine = engine
    self.today = today
    random = SeededRandom(seed: seed)
  }

  public mutating func next() -> PracticeCase {
    while true {
      let input = nextInput()
      // Every generated input is valid by construction; the loop only guards against a
      // region's rule set that refuses something (it then simply draws again).
      if let assessment = try? engine.assess(input) {
        count += 1
        return PracticeCase(number: count, input: input, assessment: assessment)
      }
    }
  }

  private mutating func nextInput() -> AssessmentInput {
    let parity: Parity = Bool.random(using: &random) ? .nulliparous : .multiparous
    // Seen anywhere from the GP's first visit (6+0) to week 36.
    let age = GestationalAge(days: Int.random(in: 42...258, using: &random))
    let dueDate = today.adding(days: GestationalAge.term.days - age.days)
    let bmiBand = Int.random(in: 0..<10, using: &random)
    let bmi: Double =
      switch bmiBand {
      case 0..<7: Double(Int.random(in: 190...269, using: &random)) / 10
      case 7..<9: Double(Int.random(in: 270...299, using: &random)) / 10
      default: Double(Int.random(in: 300...420, using: &random)) / 10
      }
    let ruleSet = engine.ruleSet
    let candidates = ruleSet.findings.filter {
      // The BMI already decides overweight; a first-time mother has no obstetric history.
      $0.impliedByBMIAtLeast == nil && !(parity == .nulliparous && $0.domain == Self.historyDomain)
        && ruleSet.isPlausible($0, at: age)
    }
    let howMany = [0, 0, 1, 1, 1, 1, 2, 2, 2, 3][Int.random(in: 0..<10, using: &random)]
    var findings: [String] = []
    while findings.count < min(howMany, candidates.count) {
      let id = candidates[Int.random(in: 0..<candidates.count, using: &random)].id
      if !findings.contains(id) { findings.append(id) }
    }
    return AssessmentInput(
      referenceDate: today, parity: parity, dating: Dating(dueDate: dueDate), bmi: bmi, findings: findings)
  }
}

/// A trainee's answers to practice cases, and the score.
public struct PracticeScore: Sendable, Equatable {
  public private(set) var answered = 0
  public private(set) var correct = 0

  public init() {}

  /// Records an answer; true when it is the level the rules suggest.
  @discardableResult
  public mutating func record(level: Int, for practiceCase: PracticeCase) -> Bool {
    answered += 1
    let right = level == practiceCase.assessment.suggestedLevel
    if right { correct += 1 }
    return right
  }
}
