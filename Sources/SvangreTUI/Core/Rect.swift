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
  /// What is left after the others, shared with other fills; at least `minimum`.
  case fill(minimum: Int = 0)

  /// The sizes of `constraints` in `total` cells: fixed parts first, then the rest shared
  /// by the fills (the last fill takes the odd cells). Never negative.
  static func sizes(_ constraints: [Constraint], total: Int) -> [Int] {
    var sizes = constraints.map { constraint -> Int in
      switch constraint {
      case .length(let cells): cells
      case .percentage(let percent): total * percent / 100
      case .ratio(let numerator, let denominator): denominator == 0 ? 0 : total * numerator / denominator
      case .fill: 0
      }
    }
    let fills = constraints.indices.filter { if case .fill = constraints[$0] { true } else { false } }
    let rest = max(0, total - sizes.reduce(0, +))
    for (number, index) in fills.enumerated() {
      guard case .fill(let minimum) = constraints[index] else { continue }
      let share = number == fills.count - 1 ? rest - rest / fills.count * (fills.count - 1) : rest / fills.count
      sizes[index] = max(minimum, share)
    }
    return sizes.map { max(0, $0) }
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
