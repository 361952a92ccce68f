/// Every screen of the app, and the one place that lists them: the app holds exactly one
/// of these, so a state that mixes two screens cannot be written. Adding a screen is its
/// own file (a `ScreenUnit`) and three lines here: its case, its unit and its key table.
public indirect enum ScreenState {
  case list(ListScreen)
  case newRecord(NewRecordScreen)
  case walkthrough(WalkthroughScreen)
  case decision(DecisionScreen)
  case plan(PlanScreen)
  case history(HistoryScreen)
  case birth(BirthScreen)
  case training(TrainingScreen)
  case help(HelpScreen)

  /// The screen itself, to update and render.
  public var unit: any ScreenUnit {
    switch self {
    case .list(let screen): screen
    case .newRecord(let screen): screen
    case .walkthrough(let screen): screen
    case .decision(let screen): screen
    case .plan(let screen): screen
    case .history(let screen): screen
    case .birth(let screen): screen
    case .training(let screen): screen
    case .help(let screen): screen
    }
  }

  /// Every screen's type, for the help and key tests.
  public static var units: [any ScreenUnit.Type] {
    [
      ListScreen.self, NewRecordScreen.self, WalkthroughScreen.self, DecisionScreen.self, PlanScreen.self,
      HistoryScreen.self, BirthScreen.self, TrainingScreen.self, HelpScreen.self,
    ]
  }
}
