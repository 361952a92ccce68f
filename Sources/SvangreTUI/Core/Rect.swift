/// A rectangle of terminal cells: where a screen, a pane or a column draws. Screens never
/// count columns by hand; they split the area they are given by constraints, as ratatui's
/// `Layout` does.
public struct Rect: Hashable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The rows it covers, top to bottom.
  public var rows: Range<Int> { y..<(y + height) }
  public var right: Int { x + width }
  public var bottom: Int { y + height }

  /// The same rectangle less `left`/`right` columns and `top`/`bottom` rows.
  public func inset(left: Int = 0, right: Int = 0, top: Int = 0, bottom: Int = 0) -> Rect {
    Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
  }

  /// The rectangle from row `row` down (clipped to this one).
  public func from(row: Int) -> Rect { Rect(x: x, y: max(y, row), width: width, height: bottom - max(y, row)) }

  /// Splits the width into columns, left to right.
  public func columns(_ constraints: [Constraint]) -> [Rect] {
    Constraint.sizes(constraints, total: width).reduce(into: [Rect]()) { parts, size in
      parts.append(Rect(x: parts.last?.right ?? x, y: y, width: size, height: height))
    }
  }

  /// Splits the height into rows, top to bottom.
  public func rows(_ constraints: [Constraint]) -> [Rect] {
    Constraint.sizes(constraints, total: height).reduce(into: [Rect]()) { parts, size in
      parts.append(Rect(x: x, y: parts.last?.bottom ?? y, width: width, height: size))
    }
  }
}

/// How much of a split one part takes.
public enum Constraint: Hashable, Sendable {
  /// Exactly this many cells.
  case length(Int)
  /// This share of the whole, rounded down.
  case percentage(Int)
  /// `numerator / denominator` of the whole, rounded down.
  case ratio(Int, Int)
  /// What is left after the others, shared with the other fills in proportion to
  /// `weight` (two fills of weights 3 and 7 take 30 % and 70 %); at least `minimum`.
  case fill(minimum: Int = 0, weight: Int = 1)

  /// The sizes of `constraints` in `total` cells: fixed parts first, then the rest shared
  /// by the fills by weight, rounded down (the last fill takes the odd cells). A fill
  /// whose share is under its minimum gets the minimum, taken from the others' shares;
  /// when the minimums alone do not fit, the parts overflow `total` rather than shrink
  /// below them (the caller cuts). Never negative.
  static func sizes(_ constraints: [Constraint], total: Int) -> [Int] {
    var sizes = constraints.map { constraint -> Int in
      switch constraint {
      case .length(let cells): max(0, cells)
      case .percentage(let percent): total * percent / 100
      case .ratio(let numerator, let denominator): denominator == 0 ? 0 : total * numerator / denominator
      case .fill: 0
      }
    }
    var open = constraints.indices.compactMap { index -> (index: Int, minimum: Int, weight: Int)? in
      guard case .fill(let minimum, let weight) = constraints[index] else { return nil }
      return (index, minimum, max(0, weight))
    }
    var rest = max(0, total - sizes.reduce(0, +))
    // Fills held to their minimum leave the sharing, one round at a time, until every
    // remaining share is at least its minimum.
    while !open.isEmpty {
      let shares = share(rest, by: open.map(\.weight))
      let short = open.indices.filter { shares[$0] < open[$0].minimum }
      guard !short.isEmpty else {
        for (fill, size) in zip(open, shares) { sizes[fill.index] = size }
        break
      }
      for position in short {
        sizes[open[position].index] = open[position].minimum
        rest = max(0, rest - open[position].minimum)
      }
      open = open.indices.filter { !short.contains($0) }.map { open[$0] }
    }
    return sizes.map { max(0, $0) }
  }

  /// `cells` shared by `weights`, each share rounded down and the odd cells to the last
  /// (all weights 0: shared equally).
  private static func share(_ cells: Int, by weights: [Int]) -> [Int] {
    let weights = weights.allSatisfy { $0 == 0 } ? weights.map { _ in 1 } : weights
    let whole = weights.reduce(0, +)
    var shares = weights.map { cells * $0 / whole }
    shares[shares.count - 1] += cells - shares.reduce(0, +)
    return shares
  }
}

/// A row of text in columns: each cell padded or cut (with "…") to its column's width, the
/// widths from a split. The one place tables are laid out (list, plan, history).
public struct Columns: Sendable {
  public let widths: [Int]

  public init(_ constraints: [Constraint], width: Int) {
    widths = Constraint.sizes(constraints, total: width)
  }

  /// The cells side by side; the last cell is cut to its width but not padded.
  public func line(_ cells: [String]) -> String {
    var text = ""
    for (index, cell) in cells.enumerated() where index < widths.count {
      text +=
        index == cells.count - 1
        ? DisplayWidth.truncate(cell, to: widths[index]) : DisplayWidth.pad(cell, to: widths[index])
    }
    return text
  }

  /// The column where cell `index` starts, counted from the row's start.
  public func offset(of index: Int) -> Int { widths.prefix(index).reduce(0, +) }
}
