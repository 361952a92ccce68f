import ArgumentParser
import Testing

@testable import SvangreCLI

/// The fast path of `svangre assess` (AssessFastPath.swift) builds the values ArgumentParser's
/// command holds, for every form it takes; every other form it leaves to ArgumentParser.
@Suite("svangre assess: the fast path parses as ArgumentParser does")
struct AssessFastPathTests {
  static let taken: [[String]] = [
    ["assess"],
    ["assess", "--format", "json"],
    ["assess", "--format=text", "--pretty"],
    ["assess", "--pretty", "--input", "case.json", "--lang", "en"],
    [
      "assess", "--rules=region.json", "--today", "2026-11-23", "--store", "/tmp/store", "--format", "json", "--pretty",
    ],
    // Refused by the command itself, after parsing, as it is after ArgumentParser.
    ["assess", "--lang", "xx", "--today", "not a date"],
    ["assess", "--input", "sag med æøå.json", "--lang=da"],
    ["assess", "--input=a=b.json"],
  ]

  @Test("A form the fast path takes gives the command ArgumentParser gives", arguments: taken)
  func same(_ arguments: [String]) throws {
    let fast = try #require(AssessFastPath.command(arguments))
    let parsed = try #require(try Svangre.parseAsRoot(arguments) as? AssessCommand)
    #expect(fast == Assess(parsed))
  }

  static let left: [[String]] = [
    [], ["record", "assess"], ["rules"], ["--lang", "en", "assess"], ["assess", "--help"], ["assess", "-h"],
    ["assess", "--format", "xml"], ["assess", "--format"], ["assess", "--format="], ["assess", "--pretty", "--pretty"],
    ["assess", "--lang", "en", "--lang", "da"], ["assess", "--input", "-"], ["assess", "--input", "--pretty"],
    ["assess", "--pretty=true"], ["assess", "case.json"], ["assess", "--", "--pretty"], ["assess", "--unknown", "x"],
    ["assess", "--generate-completion-script", "bash"], ["assess", "--version"],
  ]

  @Test("The fast path answers to the command's own name")
  func name() {
    #expect(AssessFastPath.name == AssessCommand.configuration.commandName)
  }

  @Test("Every other form is left to ArgumentParser", arguments: left)
  func leftToArgumentParser(_ arguments: [String]) {
    #expect(AssessFastPath.command(arguments) == nil)
  }
}
