/// Every screen of the app, one line each. The app holds exactly one screen at a time (an
/// `any ScreenUnit`), so a state that mixes two screens cannot be written; this list is
/// how a screen is found by its type: a draft is offered back to the screen that wrote
/// it (`ScreenUnit.restore`), and the catalogue and key tests check every screen's words
/// and keys. Adding a screen is its own file (a `ScreenUnit`) and its line here.
public enum ScreenRegistry {
  public static var units: [any ScreenUnit.Type] {
    [
      ListScreen.self,
      NewRecordScreen.self,
      WalkthroughScreen.self,
      DecisionScreen.self,
      PlanScreen.self,
      HistoryScreen.self,
      RecordCorrectionScreen.self,
      BirthScreen.self,
      TrainingScreen.self,
      HelpScreen.self,
      WorklistScreen.self,
      DocumentScreen<RecordNote>.self,
      DocumentScreen<BirthPlaceReferral>.self,
    ]
  }

  /// The keys other screens declare on `screen` (`ScreenUnit.entrances`).
  public static func entrances(on screen: ScreenID) -> [Entrance] {
    units.flatMap { $0.entrances }.filter { $0.from == screen }
  }
}
