import SvangreRules

extension StringCatalog {
  /// A value as the record store keeps it (a correction's old or new value) as a person
  /// reads it: a birth place, a parity, a closure's standing and a yes/no in the catalogue's language, a whole number
  /// without decimals, text as stored. `field` is the store's field name.
  public func storedValue(_ value: JSONValue, field: String) -> String {
    switch (field, value) {
    case ("birth.place", .string(let place)) where BirthPlace(rawValue: place) != nil:
      self("store.place." + place)
    case ("parity", .string(let parity)) where Parity(rawValue: parity) != nil:
      self("store.parity." + parity)
    case ("closed", .bool(let flag)): self("store.value.closed.\(flag)")
    case (_, .bool(let flag)): self(flag ? "store.value.yes" : "store.value.no")
    case (_, .null): "–"
    case (_, .string(let text)): text
    case (_, .int(let number)): String(number)
    case (_, .number(let number)):
      number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    // The store writes no lists or objects as values; a hand-edited file still reads.
    case (_, .array): "[…]"
    case (_, .object): "{…}"
    }
  }
}
