import Testing
@testable import SvangreStore

@Suite("CPR numbers")
struct CPRNumberTests {
  @Test("valid numbers normalise to DDMMYY-SSSS", arguments: ["010190-1234", "0101901234", " 010190-1234 "])
  func valid(_ text: String) throws {
    let cpr = try CPRNumber(parsing: text)
    #expect(cpr.value == "010190-1234")
    #expect((cpr.birthYear, cpr.birthMonth, cpr.birthDay) == (1990, 1, 1))
  }

  @Test("digit 7 and YY give the century")
  func centuries() throws {
    let cases: [(String, Int)] = [
      ("010100-0001", 1900), ("010199-3001", 1999),
      ("010136-4001", 2036), ("010137-4001", 1937), ("010136-9001", 2036), ("010137-9001", 1937),
      ("010157-5001", 2057), ("010158-5001", 1858), ("010100-8001", 2000), ("010199-8001", 1899),
    ]
    for (text, year) in cases {
      #expect(try CPRNumber(parsing: text).birthYear == year, "\(text)")
    }
  }

  @Test("29 February only in a leap year of the century digit 7 gives")
  func leapDays() {
    #expect(CPRNumber.isValid("290200-4001"))  // 2000: leap
    #expect(!CPRNumber.isValid("290200-0001"))  // 1900: not leap
    #expect(CPRNumber.isValid("290296-1001"))  // 1996
    #expect(!CPRNumber.isValid("290297-1001"))
    #expect(!CPRNumber.isValid("310490-1234"))  // 31 April
    #expect(!CPRNumber.isValid("001290-1234"))
    #expect(!CPRNumber.isValid("011390-1234"))
  }

  @Test("a number failing modulus 11 is accepted, with the check only reported")
  func noModulus11Rejection() throws {
    let passing = try CPRNumber(parsing: "070761-4285")
    #expect(passing.passesModulus11)
    let failing = try CPRNumber(parsing: "070761-4286")
    #expect(!failing.passesModulus11)
  }

  @Test("replacement numbers with letters in positions 8–9 are accepted")
  func replacementNumbers() throws {
    let cpr = try CPRNumber(parsing: "010190-1ab2")
    #expect(cpr.value == "010190-1AB2")
    #expect(cpr.isReplacementNumber)
    #expect(CPRNumber.isValid("0101901A12"))
    #expect(!CPRNumber.isValid("010190-A123"))  // position 7 carries the century: a digit
    #expect(!CPRNumber.isValid("010190-123A"))  // position 10 is a digit
  }

  @Test(
    "garbage is refused without echoing it",
    arguments: [
      "", "abc", "010190", "010190-12345", "010190+1234", "0101901234567", "01-01-90-1234", "٠١٠١٩٠١٢٣٤", "010190-12 4",
    ])
  func garbage(_ text: String) {
    #expect(throws: CPRNumber.Problem.self) { try CPRNumber(parsing: text) }
  }

  @Test("masked as DDMMYY-XXXX, also in string interpolation")
  func masking() throws {
    let cpr = try CPRNumber(parsing: "010190-1234")
    #expect(cpr.masked == "010190-XXXX")
    #expect("\(cpr)" == "010190-XXXX")
    #expect(CPRNumber.mask("0101901234") == "010190-XXXX")
    #expect(CPRNumber.mask("12") == "XXXXXX-XXXX")
  }

  @Test("an id that looks like a CPR number is masked in messages")
  func idInMessages() {
    let error = StoreError.unknownRecord(id: "0101901234")
    #expect(error.messageArguments["id"] == "010190-XXXX")
    #expect(StoreError.unknownRecord(id: "p2kc7qehccta").messageArguments["id"] == "p2kc7qehccta")
  }
}

@Suite("Record ids in messages")
struct RecordIDMessageTests {
  @Test("random ids are shown as they are, even when mostly digits")
  func randomIDs() {
    let ids = (0..<2_000).map { _ in RecordID.random() }
    #expect(ids.filter { RecordID.forMessage($0) != $0 }.count <= 2)
    #expect(RecordID.forMessage("12345678ab9c") == "12345678ab9c")
    #expect(RecordID.forMessage("x010190-1234") == "010190-XXXX")
  }
}
